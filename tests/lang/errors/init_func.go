// ERROR 5:5: cannot declare init - must be func
// VERIFIED go build go1.26.8
package main

var init = 1

func main() {}

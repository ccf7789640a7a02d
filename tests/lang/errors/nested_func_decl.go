// ERROR 7:26: cannot use x (variable of type struct{a int}) as struct{b int} value in variable declaration
// VERIFIED go build go1.26.8
package main

func main() {
	x := struct{ a int }{1}
	var y struct{ b int } = x
	_ = y
}

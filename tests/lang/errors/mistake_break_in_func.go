// ERROR 9:2: continue is not in a loop
// VERIFIED go build go1.26.8
package main

func main() {
	for {
		break
	}
	continue
}

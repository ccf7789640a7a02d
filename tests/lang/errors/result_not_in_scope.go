// ERROR 9:3: result parameter x not in scope at return\n\t7:3: inner declaration of var x int
// VERIFIED go build go1.26.8
package main

func f() (x int) {
	{
		x := 2
		_ = x
		return
	}
}

func main() { f() }

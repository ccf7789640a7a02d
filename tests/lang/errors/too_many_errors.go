// ERROR 16:2: declared and not used: a1
// ERROR 17:2: declared and not used: a2
// ERROR 18:2: declared and not used: a3
// ERROR 19:2: declared and not used: a4
// ERROR 20:2: declared and not used: a5
// ERROR 21:2: declared and not used: a6
// ERROR 22:2: declared and not used: a7
// ERROR 23:2: declared and not used: a8
// ERROR 24:2: declared and not used: a9
// ERROR 25:2: declared and not used: a10
// ERROR 25:2: too many errors
// VERIFIED go build go1.26.8
package main

func main() {
	a1 := 1
	a2 := 1
	a3 := 1
	a4 := 1
	a5 := 1
	a6 := 1
	a7 := 1
	a8 := 1
	a9 := 1
	a10 := 1
	a11 := 1
}

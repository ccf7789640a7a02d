// ERROR 17:2: a1 declared but not used
// ERROR 18:2: a2 declared but not used
// ERROR 19:2: a3 declared but not used
// ERROR 20:2: a4 declared but not used
// ERROR 21:2: a5 declared but not used
// ERROR 22:2: a6 declared but not used
// ERROR 23:2: a7 declared but not used
// ERROR 24:2: a8 declared but not used
// ERROR 25:2: a9 declared but not used
// ERROR 26:2: a10 declared but not used
// ERROR 26:2: too many errors
// GO 1.19
// VERIFIED go build go1.19.8
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

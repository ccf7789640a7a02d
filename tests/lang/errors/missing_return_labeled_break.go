// ERROR 32:1: missing return
// VERIFIED go build go1.26.8
package main

func a() int {
	for {
	}
}

func b(x int) int {
	switch {
	case x > 0:
		return 1
	default:
		panic("no")
	}
}

func c(x int) (r int) {
	if x > 0 {
		return 1
	} else {
		return 2
	}
}

func d() int {
L:
	for {
		break L
	}
}

func main() { _, _, _, _ = a(), b(1), c(1), d() }

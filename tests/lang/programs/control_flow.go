package main

import "fmt"

func classify(n int) string {
	switch {
	case n < 0:
		return "neg"
	case n == 0:
		return "zero"
	case n < 10:
		fallthrough
	case n < 100:
		return "small"
	default:
		return "big"
	}
}

func sum(xs ...int) (total int) {
	for _, x := range xs {
		total += x
	}
	return
}

func divmod(a, b int) (int, int) {
	return a / b, a % b
}

func main() {
outer:
	for i := 0; i < 10; i++ {
		for j := 0; j < 10; j++ {
			if j == 5 {
				continue outer
			}
			if i == 8 {
				break outer
			}
		}
	}
	i := 0
	for i < 3 {
		i++
	}
	for {
		i--
		if i == 0 {
			break
		}
	}
	switch x := 3; x {
	case 1, 2:
		fmt.Println("1 or 2")
	case 3:
		fmt.Println("three")
	}
	q, r := divmod(17, 5)
	fmt.Println(classify(5), sum(1, 2, 3), sum([]int{4, 5}...), q, r)
	if v := sum(); v == 0 {
		fmt.Println("empty")
	} else if v > 10 {
		fmt.Println("big")
	} else {
		fmt.Println("other")
	}
}

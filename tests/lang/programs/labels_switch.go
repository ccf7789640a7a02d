package main

import "fmt"

func main() {
outer:
	for i := 0; i < 3; i++ {
		switch i {
		case 1:
			break outer
		case 0:
			continue outer
		}
		fmt.Println(i)
	}
	switch {
	case true:
		break
	}
sw:
	switch {
	default:
		break sw
	}
}

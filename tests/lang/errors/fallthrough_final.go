// ERROR 8:3: cannot fallthrough final case in switch
// VERIFIED go build go1.26.8
package main

func main() {
	switch 1 {
	case 1:
		fallthrough
	}
}

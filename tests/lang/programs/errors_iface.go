package main

import (
	"fmt"
	"strconv"
)

func parse(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, err
	}
	return n, nil
}

func main() {
	var err error
	if err == nil {
		err = fmt.Errorf("x %d", 1)
	}
	n, err := parse("12")
	_, _ = strconv.Atoi("x")
	fmt.Println(n, err, err.Error())
	var e2 error = nil
	_ = e2
}

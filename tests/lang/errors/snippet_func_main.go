// ERROR 3:6: syntax error: a snippet cannot declare func main (begin the workload with package main to write a whole program)
// bucketlab: a snippet is the body of main
func main() {
	fmt.Println(1)
}

// ERROR 5:15: syntax error: unexpected newline in argument list; possibly missing comma or )
// VERIFIED go build go1.26.8 (on the wrap_snippet program)
x := 1
if x > 0 {
	fmt.Println(x
}

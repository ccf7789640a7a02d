// ERROR 13:16: printing a value of type P, whose String method fmt would call, is not supported by bucketlab
// ERROR 14:24: printing a value of type W, whose Error method fmt would call, is not supported by bucketlab
// (Go calls the method; printing the underlying value instead would silently differ)
type P struct{ X, Y int }

func (p P) String() string { return "P!" }

type W struct{ ps []*P }

func (w *W) Error() string { return "W" }

p := P{}
fmt.Println(1, []P{p})
s := fmt.Sprintf("%v", &W{})
_ = s

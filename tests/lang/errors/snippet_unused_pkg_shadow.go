// ERROR 5:1: "fmt" imported and not used
// ERROR 5:5: fmt.Println undefined (type int has no field or method Println)
// bucketlab: the implicit import is reported at the first use of fmt
fmt := 3
fmt.Println(fmt)

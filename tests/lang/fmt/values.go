// The oracle for tests/lang/fmt_format_test.cpp: every case formats values
// with Go's fmt and prints "id<TAB>hex(result)". make_expected.py runs it
// under go1.19 and the modern toolchain and writes expected.inc.
//
// The C++ test builds the same values (same ids) in a simulated memory.
// Pointers whose address is printed are fake (unsafe, never dereferenced;
// the GC is off); the C++ test places its pointees at the same addresses.
package main

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"time"
	"unsafe"
)

type Point struct{ X, Y int }

type User struct {
	Name string
	Age  int
	tags []string
}

type Mixed struct {
	A int8
	B int64
	C bool
	D float32
	E string
	F uint16
}

type Inner struct {
	D time.Duration
	d time.Duration
	E error
	e error
}

type Outer struct {
	In Point
	P  *Point
	M  map[string]int
	S  []int
}

type Name string
type Bytes []byte
type Celsius float64

type Color int

func (c Color) String() string { return [...]string{"red", "green", "blue"}[c] }

type Box struct{ N int }

func (b *Box) String() string { return fmt.Sprintf("box(%d)", b.N) }

type Bad int

func (b Bad) String() string { panic("oops") }

type MyErr struct{ Code int }

func (e MyErr) Error() string  { return fmt.Sprintf("code %d", e.Code) }
func (e MyErr) String() string { return "not me" }

type Gs int

func (g Gs) GoString() string { return "Gs!" }

type ColorHolder struct {
	C Color
	c Color
}

type Tagged struct {
	A int `json:"a"`
	b string
}

func out(id, s string) { fmt.Printf("%s\t%s\n", id, hex.EncodeToString([]byte(s))) }

func pf(id, format string, a ...any) { out(id, fmt.Sprintf(format, a...)) }
func ps(id string, a ...any)         { out(id, fmt.Sprint(a...)) }
func pl(id string, a ...any)         { out(id, fmt.Sprintln(a...)) }
func pe(id string, err error) {
	out(id+".text", err.Error())
	out(id+".type", fmt.Sprintf("%T", err))
}

func fp(a uintptr) *int { return (*int)(unsafe.Pointer(a)) }

func main() {
	debug.SetGCPercent(-1) // fake pointers below must never be scanned
	negZero := math.Copysign(0, -1)
	nan := math.NaN()
	inf := math.Inf(1)

	// integers
	pf("int_v", "%v", 42)
	pf("int_d", "%d", -42)
	pf("int_width", "%5d|%-5d|%05d", 42, 42, -42)
	pf("int_sign", "%+d|% d|%+d|% d", 5, 5, -5, -5)
	pf("int_prec", "%.3d|%8.3d|%.0d|%5.0d|%08.3d|", 7, -7, 0, 0, 5)
	pf("int_minus_zero", "%-08d|%0-8d|", 5, 5)
	pf("int_bases", "%b|%o|%O|%x|%X|%#x|%#X|%#o|%#b", 10, 10, 10, 255, 255, 255, 255, 8, 5)
	pf("int_neg_hex", "%x|%X|%#x|%b|%o", -255, -255, -255, -5, -8)
	pf("int_space_hex", "% x|%+x|%#08x|%-#8x|", 255, 255, 255, 255)
	ps("int_extremes", int8(-128), int16(-32768), int32(math.MinInt32), int64(math.MinInt64), uint64(math.MaxUint64))
	pf("uint_sizes", "%d %x %X %d", uint8(255), uint16(65535), uint32(4294967295), uint(18446744073709551615))
	pf("uintptr", "%v %x %d", uintptr(0xdeadbeef), uintptr(48879), uintptr(7))
	pf("int_char", "%c|%c|%q|%q|%q|%U|%#U|%#U|%#U", 'A', 0x4E16, 'x', '\n', '\'', 0x1F600, 'x', 7, 0x4E16)
	pf("int_char_bad", "%c|%q|%U|%c|%+q", -1, 0x110000, -1, 0xD800, 0x4E16)
	pf("int_unicode_prec", "%.6U|%#.2U|%8U|%-8U|", 0x41, 0x41, 0x41, 0x41)
	pf("int_bad_verb", "%s|%t|%f|%5t|", 1, 2, 3, 4)
	pf("int8_sizes", "%d %d %x %v", int8(-1), int16(-1), uint8(200), int32(-7))
	pf("int_star", "%*d|%-*d|%*d|%.*d|", 5, 42, 5, 42, -5, 42, 3, 7)
	pf("int_star_uint", "%*d|", uint8(4), 1)
	pf("int_big_width", "%020d|%+020d|", 123456789, -123456789)

	// bools
	pf("bool", "%v %t %5t|%-6t|", true, false, true, false)
	pf("bool_bad", "%d|%s", true, false)
	ps("bool_sprint", true, false)

	// floats
	ps("float_sprint", 1.0, 0.1, 1e6, 1e21, 123456789.0, 1e-5, 0.000123, 100000.0, 1e20)
	ps("float_special", negZero, nan, inf, -inf, 0.0)
	ps("float32_sprint", float32(0.1), float32(16777216), float32(3.4028235e38), float32(1e-45), float32(1)/3)
	ps("float_extremes", 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308)
	pf("float_verbs", "%f|%.2f|%e|%E|%g|%G|%.3g|%F", 3.14159, 3.14159, 314.159, 314.159, 314.159, 1e-7, 3.14159, 2.5)
	pf("float_width", "%8.3f|%-8.2f|%+.1f|% .1f|%08.3f|%+08.3f|%-08.3f|", 3.14159, 3.14159, 3.14159, 3.14159, -3.14159, 3.14159, 3.14159)
	pf("float_sharp", "%#g|%#.3g|%#.0f|%#.0e|%#g|%#v|%#.4g", 1.0, 1.0, 3.0, 3.0, 123456789.0, 2.0, 0.0001)
	pf("float_hex_bin", "%x|%X|%.3x|%b|%#x", 1.0, -2.5, 3.14159, 1.0, 1.0)
	pf("float_nan_inf", "%5.2f|%+f|% f|%05f|%-6f|%06v|% 06v|", nan, nan, inf, -inf, inf, inf, nan)
	pf("float_v_width", "%8v|%-8v|%08v|%+v|", 3.5, 3.5, -3.5, 3.5)
	pf("float_round", "%.0f %.0f %.0f %.1f %.2f %.0f", 0.5, 1.5, 2.5, 0.05, 2.675, -0.5)
	pf("float_long", "%.20f|%.30e|%.25g", 0.1, 1.0/3, 2.0/3)
	pf("float_zero", "%e|%g|%v|%f|%.3e|%#g|%x", 0.0, 0.0, negZero, negZero, 0.0, 0.0, 0.0)
	pf("float_g_prec", "%.17g|%.1g|%.0g|%.5g|%g|%g", 0.1, 123.0, 123.0, 1e5, 1e-4, 1e-5)
	pf("float32_verbs", "%v|%g|%.10f|%e", float32(1)/3, float32(2.5), float32(0.1), float32(1e10))
	pf("float_bad", "%d|%s|%q|%t", 1.5, 1.5, 1.5, 1.5)
	pf("float_big_f", "%f|%.1f|%v", 1e22, 1.7976931348623157e308, 1e100)
	pf("float_tiny", "%.3f|%.10f|%e", 0.0006, 0.00000000005, 5e-324)
	ps("celsius", Celsius(36.6), Celsius(-40))

	// strings
	pf("str_verbs", "%s|%v|%q|%x|%X|% x|%#x|% #x|% #X", "hi", "hi", "hi", "hi", "hi", "hi", "hi", "hi", "hi")
	pf("str_width", "%10s|%-10s|%.2s|%5.1s|%05s|%-05s|%6s|", "abc", "abc", "abc", "abc", "abc", "abc", "héllo")
	pf("str_quote", "%q|%+q|%#q|%#q|%#+q|%q", "héllo\n\t\"\x00\xff世", "héllo世", "abc", "a`b", "ü", "\u2028\U0001F600\x7f")
	pf("str_quote_bom", "%#q|%q", "\ufeffx", "\a\b\f\r\v\\")
	pf("str_trunc", "%.3q|%.2x|%.1X|%.0s|", "héllo", "hello", "hello", "x")
	pf("str_empty", "%5x|%x|%q|%s|%5q|", "", "", "", "", "")
	pf("str_bad", "%d|%c|%t|%e", "hi", "hi", "hi", "hi")
	pf("str_hex_width", "%8x|%-8x|%#10x|% 12x|", "ab", "ab", "ab", "ab")
	pf("str_invalid_utf8", "%s|%q|%x|%5s|", "a\xffb", "a\xffb", "a\xffb", "\xff")
	ps("str_sprint", "a", 1, 2, "b", "c", 3.0, true, "d")
	ps("str_sprint2", 1, 2, "x", Name("n"), 3)
	ps("str_named_first", Name("a"), Name("b"), 1)
	pl("str_sprintln", "a", 1, true, nil, 2.5, "b")
	ps("nil_sprint", nil, nil, 1)
	pl("empty_sprintln")
	ps("empty_sprint")

	// printf errors
	pf("err_missing", "%d %d", 1)
	pf("err_extra", "%d", 1, "a")
	pf("err_extra2", "%d", 1, 2, "x", nil)
	pf("err_extra_noverb", "hello", 3.5, []int{1})
	pf("err_noverb", "%")
	pf("err_noverb2", "abc%-")
	pf("err_bang", "%!")
	pf("err_badwidth", "%*d", "x", 5)
	pf("err_badprec", "%.*d", "x", 5)
	pf("err_badwidth_big", "%*d|%.*d", 10000000, 1, -1, 2)
	pf("err_index", "%[2]d %[1]d|%[3]d|%[1]d %d|%[0]d", 1, 2)
	pf("err_index_star", "%[2]*[1]d|%-[2]*[1]d|%[1]*d", 12, 5, 3)
	pf("err_index_bad", "%[x]d|%[2d|%[1]5d", 1, 2)
	pf("err_unknown", "%z|%ä|%!", 1, 2, 3)
	pf("err_nil_verbs", "%d|%v|%T|%s|%5v|%p", nil, nil, nil, nil, nil, nil)
	pf("err_percent", "%v %%|%5%|%-5%|%.3%", 1)
	pf("err_w_sprintf", "%w", errors.New("boom"))
	pf("err_width_only", "%5", 1)
	pf("err_prec_dot", "%.d|%.s|%5.d|", 0, "abc", 0)

	// pointers
	p1 := fp(0xc000012340)
	var nilp *int
	pf("ptr_p", "%p|%v|%#p|%x|%X|%d|%#x|%20p|%-20v|", p1, p1, p1, p1, p1, p1, p1, p1, p1)
	pf("ptr_bad", "%s|%q|%t|%c", p1, p1, p1, p1)
	pf("ptr_nil", "%v|%p|%d|%x|%10v|%-7v|%s|%#v", nilp, nilp, nilp, nilp, nilp, nilp, nilp, nilp)
	pf("ptr_sharpv", "%#v|%#v", p1, (*Point)(nil))
	pf("ptr_struct", "%v|%+v|%#v|%d|%s", &Point{1, 2}, &Point{1, 2}, &Point{1, 2}, &Point{1, 2}, &Point{1, 2})
	pf("ptr_composites", "%v|%v|%v|%#v", &[]int{1, 2}, &[2]int{3, 4}, &map[string]int{"a": 1}, &[]string{"x"})
	pf("ptr_nested", "%v|%+v|%v", struct{ P *int }{p1}, []*int{p1, nil}, [1]*int{p1})
	pf("ptr_ptr", "%v|%p", (**int)(unsafe.Pointer(uintptr(0xc000012360))), p1)
	pf("ptr_p_slice", "%p|%p|%p", unsafe.Slice(fp(0xc000014000), 1), []int(nil), 5)
	pf("ptr_nested_struct", "%v|%+v", Outer{Point{1, 2}, (*Point)(unsafe.Pointer(uintptr(0xc000016000))), nil, nil}, []*Point{nil})

	// slices and arrays
	pf("slice_int", "%v|%d|%x|%5d|%+v|%-3d|", []int{1, 2, 3}, []int{1, 2, 3}, []int{10, 255}, []int{1, 2}, []int{-1}, []int{1, 2})
	pf("slice_nil", "%v|%#v|%#v|%d|%s|%x|", []int(nil), []int(nil), []int{}, []int(nil), []int(nil), []int(nil))
	pf("slice_str", "%v|%q|%s|%x|%#v|%5s|", []string{"a", "b c"}, []string{"a", "b c"}, []string{"a", "b c"}, []string{"hi", "yo"}, []string{"a"}, []string{"a"})
	pf("bytes", "%v|%s|%q|%x|%X|% x|%d|%c|%#v|%5s|%.1s|%T", []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"))
	pf("bytes_nil", "%v|%s|%x|%#v|%q|%5x|", []byte(nil), []byte(nil), []byte(nil), []byte(nil), []byte(nil), []byte(nil))
	pf("bytes_bad", "%t|%f|%08b", []byte("ab"), []byte("a"), []byte{5})
	pf("byte_array", "%s|%x|%v|%q|%#v|%T", [3]byte{'a', 'b', 'c'}, [3]byte{1, 2, 3}, [3]byte{1, 2, 3}, [2]byte{'x', 'y'}, [2]byte{1, 2}, [2]byte{})
	pf("named_bytes", "%v|%s|%x|%#v|%T|%q", Bytes("hi"), Bytes("hi"), Bytes("hi"), Bytes("hi"), Bytes(nil), Bytes(nil))
	pf("arrays", "%v|%v|%v|%#v|%T|%T", [2]bool{true, false}, [0]int{}, [2][2]int{{1, 2}, {3, 4}}, [2]int{1, 2}, [3]int{}, [2][]string{})
	pf("slice_nested", "%v|%#v|%v", [][]int{{1}, {2, 3}, nil}, [][]int{{1}, nil}, [][]string{{"a"}, {}})
	pf("slice_float", "%.1f|%v|%5.2f|%e", []float64{1.5, nan}, []float64{0.1, 1e21, negZero}, []float64{1}, []float32{0.5})
	pf("slice_error", "%v|%d|%+v|%s", []error{nil, errors.New("x")}, []error{nil}, []error{errors.New("y")}, []error{nil})
	pf("slice_bool", "%v|%t|%d", []bool{true, false}, []bool{true}, []bool{false})
	pf("slice_width", "%6v|%-4d|%06d|%x", []int{1, 2}, []int{3}, []int{-4}, []uint16{})

	// structs
	pf("struct_point", "%v|%+v|%#v|%d|%x|%T|%5v|%-4d|", Point{1, 2}, Point{1, 2}, Point{1, 2}, Point{1, 2}, Point{10, 11}, Point{}, Point{1, 2}, Point{1, 2})
	pf("struct_user", "%v|%+v|%#v|%s|%q", User{"bob", 3, []string{"x"}}, User{"bob", 3, nil}, User{"al", 1, []string{"y"}}, User{"bob", 3, nil}, User{"b", 1, []string{"t"}})
	pf("struct_empty", "%v|%+v|%#v|%T|%T", struct{}{}, struct{}{}, struct{}{}, struct{}{}, [2]struct{}{})
	pf("struct_anon", "%v|%+v|%#v|%T", struct {
		A int
		b string
	}{1, "x"}, struct {
		A int
		b string
	}{1, "x"}, struct {
		A int
		b string
	}{1, "x"}, struct {
		A int
		b string
	}{})
	pf("struct_tagged", "%T|%+v|%#v", Tagged{}, Tagged{1, "x"}, Tagged{2, "y"})
	pf("struct_mixed", "%v|%+v|%#v", Mixed{-1, 1 << 40, true, 1.5, "s", 65535}, Mixed{A: 2}, Mixed{A: 3, D: 0.25, F: 9})
	pf("struct_outer", "%v|%+v|%#v", Outer{Point{1, 2}, nil, map[string]int{"b": 2, "a": 1}, []int{5}}, Outer{M: map[string]int{}}, Outer{S: []int{1}})
	pf("struct_inner", "%v|%+v|%d|%s|%#v", Inner{D: 1500 * time.Millisecond, d: 2 * time.Second, E: errors.New("bad")}, Inner{D: time.Minute}, Inner{D: 5, d: 6}, Inner{E: errors.New("e")}, Inner{D: 7})
	pf("struct_colors", "%v|%+v|%d|%s|%#v", ColorHolder{1, 1}, ColorHolder{2, 0}, ColorHolder{1, 2}, ColorHolder{0, 2}, ColorHolder{1, 2})
	pf("struct_bad_verb", "%t|%c|%q", Point{1, 2}, Point{65, 66}, User{"a", 66, []string{"b"}})

	// maps
	pf("map_str_int", "%v|%+v|%#v|%d|%x", map[string]int{"b": 2, "a": 1, "c": 3}, map[string]int{"z": 26, "y": 25}, map[string]int{"b": 2, "a": 1}, map[string]int{"b": 2, "a": 1}, map[string]int{"k": 255})
	pf("map_int_str", "%v|%q", map[int]string{3: "c", -1: "x", 10: "y", 0: "z"}, map[int]string{2: "b", 1: "a"})
	pf("map_float", "%v|%.1f", map[float64]int{nan: 1, inf: 2, -inf: 3, 0.5: 4, -2: 5}, map[float64]string{2.25: "a", 1.75: "b"})
	pf("map_bool", "%v|%t", map[bool]int{true: 1, false: 0}, map[bool]bool{true: false, false: true})
	pf("map_struct_key", "%v|%+v", map[Point]string{{2, 1}: "c", {1, 2}: "b", {1, 1}: "a"}, map[Point]int{{0, 0}: 1})
	pf("map_array_key", "%v", map[[2]int]bool{{2, 0}: true, {1, 5}: false, {1, 3}: true})
	pf("map_nil", "%v|%#v|%d|%+v|%T", map[string]int(nil), map[string]int(nil), map[int]int(nil), map[string]bool{}, map[string]*User{})
	pf("map_nested", "%v|%v|%#v", map[string][]int{"b": {1}, "a": nil}, map[string]map[string]int{"x": {"q": 1, "p": 2}, "w": nil}, map[string][]int{"a": {1}})
	pf("map_ptr_values", "%v|%v", map[string]*int{"a": p1, "b": nil}, map[string]*Point{"k": (*Point)(unsafe.Pointer(uintptr(0xc000016000)))})
	pf("map_ptr_keys", "%v", map[*int]string{fp(0xc000012350): "second", fp(0xc000012340): "first"})
	pf("map_ints_signed", "%v|%v|%v", map[int8]int{-128: 1, 127: 2, 0: 3, -1: 4}, map[uint8]int{255: 1, 0: 2, 128: 3}, map[uint64]bool{math.MaxUint64: true, 1: false})
	pf("map_strings_order", "%v", map[string]int{"é": 1, "z": 2, "Z": 3, "": 4, "aa": 5, "a": 6})
	pf("map_duration", "%v|%d", map[string]time.Duration{"a": time.Second, "b": 1500}, map[time.Duration]string{time.Hour: "h", time.Second: "s"})
	pf("map_color", "%v|%d", map[Color]int{2: 1, 0: 2, 1: 3}, map[Color]int{2: 1, 0: 2})
	pf("map_error_values", "%v|%d", map[string]error{"a": nil, "b": errors.New("bee")}, map[string]error{"a": nil})
	pf("map_width", "%4v|%-3d|", map[string]int{"a": 1}, map[int]int{1: 2})
	pf("map_float32_key", "%v", map[float32]string{0.1: "a", -1: "b"})

	// time.Duration
	ps("dur_sprint", time.Duration(0), time.Duration(1), time.Duration(1500), time.Duration(1500000), 1500*time.Millisecond, 90*time.Minute, -time.Second, time.Duration(math.MinInt64), 100*time.Hour+1, time.Duration(math.MaxInt64))
	ps("dur_units", 999*time.Nanosecond, time.Microsecond, 1001*time.Microsecond, 59*time.Second+999*time.Millisecond, time.Hour+time.Second, -1500*time.Microsecond)
	pf("dur_verbs", "%d|%v|%s|%q|%x|%X|%5v|%-6s|%T|%.1s|%08v|", time.Second, time.Second, 2*time.Minute, time.Millisecond, time.Second, time.Second, time.Second, time.Second, time.Second, time.Minute, time.Second)
	pf("dur_bad", "%t|%#v|%f|%e|%+v|%c", time.Duration(5), time.Second, time.Second, time.Duration(1), time.Second, time.Duration(65))
	dur := 3 * time.Second
	var nilDur *time.Duration
	pf("dur_ptr", "%v|%v|%s|%d|%T", &dur, nilDur, nilDur, nilDur, nilDur)
	tm := time.Date(2009, 11, 10, 23, 0, 0, 0, time.UTC)
	pf("time_value", "%v|%s|%q|%d|%v|%T", tm, tm, tm, tm, &tm, tm)
	pf("dur_slice", "%v|%d|%s", []time.Duration{time.Second, 2500 * time.Microsecond}, []time.Duration{1}, [1]time.Duration{time.Hour})

	// errors
	e := errors.New("boom")
	var nilErr error
	pf("error_verbs", "%v|%s|%q|%x|%X|%T|%10v|%-6s|", e, e, e, e, e, e, e, e)
	pf("error_nonstring_verbs", "%d|%t|%+v|%#v", e, e, e, e)
	pf("error_nil", "%v|%d|%T|%s|%+v|%#v", nilErr, nilErr, nilErr, nilErr, nilErr, nilErr)
	ps("error_sprint", e, e, "x", nilErr)
	pl("error_sprintln", e, nilErr)
	pf("error_struct", "%v|%+v|%#v", struct{ Err error }{nil}, struct{ Err error }{e}, struct{ Err error }{nil})
	pf("error_user", "%v|%s|%d|%+v|%T", MyErr{7}, MyErr{8}, MyErr{9}, MyErr{1}, MyErr{})
	pe("errorf_plain", fmt.Errorf("plain %d", 5))
	pe("errorf_w", fmt.Errorf("wrap: %w", e))
	pe("errorf_two_w", fmt.Errorf("%w and %w", e, errors.New("b")))
	pe("errorf_w_nonerror", fmt.Errorf("x %w", 5))
	pe("errorf_w_nil", fmt.Errorf("x %w", nilErr))
	pe("errorf_v_only", fmt.Errorf("%v", e))
	pe("errorf_w_nested", fmt.Errorf("%w|%w", []error{nil}, struct{ E error }{nil}))
	pe("errorf_w_sharp", fmt.Errorf("%#w|%+w|%5w", e, e, e))

	// methods of program types
	pf("stringer", "%v|%s|%d|%q|%x|%5v|%-6s|%T|%#v", Color(1), Color(2), Color(1), Color(0), Color(1), Color(0), Color(2), Color(1), Color(1))
	pf("stringer_nested", "%v|%v|%v", []Color{0, 2}, [2]Color{1, 1}, map[string]Color{"a": 2})
	pf("stringer_ptr", "%v|%v|%+v|%v|%v|%s|%d", &Box{3}, Box{3}, Box{4}, []*Box{{4}, nil}, (*Box)(nil), &Box{5}, &Box{6})
	pf("stringer_panic", "%v|%d|%s|%x|%5v|", Bad(1), Bad(1), []Bad{2}, Bad(3), Bad(4))
	pf("gostringer", "%#v|%v|%#v|%#10v|%+v", Gs(1), Gs(2), []Gs{3}, Gs(4), Gs(5))
	ps("stringer_sprint", Color(0), Color(1), "x", Color(2))

	// %T
	pf("type_strings", "%T|%T|%T|%T|%T|%T|%T|%T|%T", 1, byte(1), 'a', []byte{}, map[string]*User{}, User{}, &User{}, time.Second, uintptr(1))
	pf("type_strings2", "%T|%T|%T|%T|%T|%T|%T|%T", [3]int{}, [][]string{}, map[Point][]string{}, &dur, float32(1), int8(1), Name(""), []Color{})
	pf("type_width", "%10T|%-10T|%.3T|", 1, "s", 1.5)
}


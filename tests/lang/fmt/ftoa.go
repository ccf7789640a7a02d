// The oracle for the FormatFloat test in tests/lang/fmt_format_test.cpp:
// strconv.FormatFloat over edge values and pseudo-random bit patterns
// (a fixed xorshift sequence, so the list is the same every run), one line
// per result: "bits(hex) fmt prec bitSize result". make_expected.py writes
// the output to ftoa.golden.
package main

import (
	"fmt"
	"math"
	"strconv"
)

var state uint64 = 0x9E3779B97F4A7C15

func next() uint64 {
	state ^= state << 13
	state ^= state >> 7
	state ^= state << 17
	return state
}

func main() {
	vals64 := []float64{
		0, math.Copysign(0, -1), 1, -1, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 0.5, 1.5, 2.5, 100, 1e6, 1e20, 1e21, 1e22, 1e23,
		123456789, 1234567890123456789, 9007199254740993, 5e-324, 1e-323, 2.2250738585072014e-308,
		2.2250738585072009e-308, 1.7976931348623157e308, 4.35, 2.675, 1.005, 0.000123456, 1e-7, 299792458,
		3.141592653589793, 2.718281828459045, 5e-310, 8.41e21, 5.0e-24, 1.1, 98765.4321, 0.015625,
		math.NaN(), math.Inf(1), math.Inf(-1), 1 << 53, 1<<53 + 2, 1 << 63, 1e15, 1e16, 1e17, 999999.5, 0.9999995,
	}
	for i := 0; i < 60; i++ {
		b := next()
		if i%3 == 0 { // keep exponents near 1 (plain decimals) for a third of them
			b = b&0x800FFFFFFFFFFFFF | uint64(1023-20+next()%40)<<52
		}
		f := math.Float64frombits(b)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		vals64 = append(vals64, f)
	}
	for i := 0; i < 20; i++ { // short decimals
		vals64 = append(vals64, float64(next()%100000)/math.Pow(10, float64(next()%8)))
	}
	vals32 := []float32{0, 1, 0.1, 1.0 / 3, 16777216, 16777217, 3.4028235e38, 1e-45, 1.17549435e-38, 0.3, 2.5, 1e10, 7.006e-45}
	for i := 0; i < 40; i++ {
		b := uint32(next())
		if i%2 == 0 {
			b = b&0x807FFFFF | uint32(127-10+next()%20)<<23
		}
		f := math.Float32frombits(b)
		if f != f || math.IsInf(float64(f), 0) {
			continue
		}
		vals32 = append(vals32, f)
	}
	type spec struct {
		fmt  byte
		prec int
	}
	specs := []spec{{'e', -1}, {'e', 0}, {'e', 3}, {'e', 17}, {'E', 6}, {'f', -1}, {'f', 0}, {'f', 2}, {'f', 6},
		{'g', -1}, {'g', 0}, {'g', 1}, {'g', 4}, {'g', 17}, {'G', -1}, {'b', -1}, {'x', -1}, {'x', 3}, {'X', 0}}
	emit := func(f float64, bits int) {
		for _, s := range specs {
			if s.fmt == 'f' && math.Abs(f) > 1e30 && s.prec > 0 {
				continue // long digit strings add nothing
			}
			fmt.Printf("%016x %c %d %d %s\n", math.Float64bits(f), s.fmt, s.prec, bits, strconv.FormatFloat(f, s.fmt, s.prec, bits))
		}
	}
	for _, f := range vals64 {
		emit(f, 64)
	}
	for _, f := range vals32 {
		emit(float64(f), 32)
	}
}

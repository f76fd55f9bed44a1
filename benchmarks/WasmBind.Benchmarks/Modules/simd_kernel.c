// The SIMD benchmark kernel: a dot product of two int16 arrays and a sum of absolute differences of two byte arrays,
// the inner loops of audio mixing and motion estimation. Built twice by build-simd.sh from this one source: with
// -msimd128 the __wasm_simd128__ paths use wasm_simd128.h; without it the plain loops run (clang cannot vectorise
// without SIMD), so the two modules compute the same results by different instructions.
#include <stdint.h>
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define COUNT 65536

static int16_t a[COUNT], b[COUNT];
static uint8_t x[COUNT], y[COUNT];

// Fills the inputs with a deterministic pattern (a small linear congruential generator).
__attribute__((export_name("fill"))) void fill(uint32_t seed) {
    for (int i = 0; i < COUNT; i++) {
        seed = seed * 1664525u + 1013904223u;
        a[i] = (int16_t)(seed >> 16);
        b[i] = (int16_t)seed;
        x[i] = (uint8_t)(seed >> 24);
        y[i] = (uint8_t)(seed >> 8);
    }
}

// The int16 dot product, accumulated in int32 with wrap-around (the same in both builds).
__attribute__((export_name("dot"))) int32_t dot(void) {
#ifdef __wasm_simd128__
    v128_t sum = wasm_i32x4_splat(0);
    for (int i = 0; i < COUNT; i += 8) {
        v128_t va = wasm_v128_load(&a[i]);
        v128_t vb = wasm_v128_load(&b[i]);
        sum = wasm_i32x4_add(sum, wasm_i32x4_dot_i16x8(va, vb));
    }
    return wasm_i32x4_extract_lane(sum, 0) + wasm_i32x4_extract_lane(sum, 1) + wasm_i32x4_extract_lane(sum, 2) + wasm_i32x4_extract_lane(sum, 3);
#else
    uint32_t sum = 0;
    for (int i = 0; i < COUNT; i++) sum += (uint32_t)((int32_t)a[i] * (int32_t)b[i]);
    return (int32_t)sum;
#endif
}

// The sum of absolute differences of the byte arrays.
__attribute__((export_name("sad"))) int32_t sad(void) {
#ifdef __wasm_simd128__
    v128_t sum = wasm_i32x4_splat(0);
    for (int i = 0; i < COUNT; i += 16) {
        v128_t vx = wasm_v128_load(&x[i]);
        v128_t vy = wasm_v128_load(&y[i]);
        v128_t diff = wasm_v128_or(wasm_u8x16_sub_sat(vx, vy), wasm_u8x16_sub_sat(vy, vx));
        sum = wasm_i32x4_add(sum, wasm_u32x4_extadd_pairwise_u16x8(wasm_u16x8_extadd_pairwise_u8x16(diff)));
    }
    return wasm_i32x4_extract_lane(sum, 0) + wasm_i32x4_extract_lane(sum, 1) + wasm_i32x4_extract_lane(sum, 2) + wasm_i32x4_extract_lane(sum, 3);
#else
    int32_t sum = 0;
    for (int i = 0; i < COUNT; i++) sum += x[i] > y[i] ? x[i] - y[i] : y[i] - x[i];
    return sum;
#endif
}

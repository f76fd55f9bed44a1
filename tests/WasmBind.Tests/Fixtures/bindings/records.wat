;; Canonical ABI records for tests/WasmBind.Tests/Bindings/RecordTests.cs, laid out by hand per
;; ../shared/spec/component-model/CanonicalABI.md:
;;   point = record { x: s32, y: s32 }                     flat (i32 i32); in memory 8 bytes, align 4
;;   id    = record { value: s64 }                         flat (i64): one core value, so returned flat too
;;   size  = record { width: s32, height: s16 }            flat (i32 i32); width at 0, height at 4; 8 bytes, align 4
;;   shape = record { kind: u8, origin: point, scale: f64, mark: char, tag: option<s32> }
;;           flat (i32 i32 i32 f64 i32 i32 i32); in memory kind at 0, origin at 4, scale at 16, mark at 24,
;;           tag at 28 (discriminant byte, payload at 32); 40 bytes, align 8
;; A record result of more than one core value goes through a result area: an export returns its address, an import
;; is passed one as its last parameter. Three shapes are 21 core values (> 16), so they travel as one tuple in memory:
;; shapes at 0, 40 and 80, 120 bytes, align 8.
(module
  (import "rec" "mirror" (func $mirror (param i32 i32 i32)))                          ;; Mirror(Point) -> Point
  (import "rec" "describe" (func $describe (param i32 i32 i32 f64 i32 i32 i32 i32)))  ;; Describe(Shape) -> Shape
  (import "rec" "mirror_later" (func $mirror_later (param i32 i32 i32)))              ;; async MirrorLaterAsync(Point) -> Point
  (import "rec" "bump" (func $bump (param i64) (result i64)))                         ;; Bump(Id) -> Id
  (import "rec" "total" (func $total (param i32) (result i32)))                       ;; Total(Shape, Shape, Shape) -> int

  (memory (export "memory") 1)
  ;; A shape at 2176 whose tag discriminant (at +28) is 2.
  (data (i32.const 2204) "\02")
  ;; A shape at 2240 whose mark (at +24) is the lone surrogate U+D800.
  (data (i32.const 2264) "\00\d8")

  (global $heap (mut i32) (i32.const 8192))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $ptr) (local.get 3)))
    (local.get $ptr))

  ;; translate(p: point, dx: s32) -> point, at 2112.
  (func (export "translate") (param $x i32) (param $y i32) (param $dx i32) (result i32)
    (i32.store (i32.const 2112) (i32.add (local.get $x) (local.get $dx)))
    (i32.store (i32.const 2116) (local.get $y))
    (i32.const 2112))
  ;; echo-shape(s: shape) -> shape, at 2048.
  (func (export "echo_shape") (param $kind i32) (param $ox i32) (param $oy i32) (param $scale f64) (param $mark i32) (param $tc i32) (param $tv i32) (result i32)
    (i32.store8 (i32.const 2048) (local.get $kind))
    (i32.store (i32.const 2052) (local.get $ox))
    (i32.store (i32.const 2056) (local.get $oy))
    (f64.store (i32.const 2064) (local.get $scale))
    (i32.store (i32.const 2072) (local.get $mark))
    (i32.store8 (i32.const 2076) (local.get $tc))
    (i32.store (i32.const 2080) (local.get $tv))
    (i32.const 2048))
  ;; next(id) -> id, flat.
  (func (export "next") (param i64) (result i64) (i64.add (local.get 0) (i64.const 1)))
  ;; grow(s: size) -> size: width * 2, height + 1, at 2128.
  (func (export "grow") (param $w i32) (param $h i32) (result i32)
    (i32.store (i32.const 2128) (i32.mul (local.get $w) (i32.const 2)))
    (i32.store16 (i32.const 2132) (i32.add (local.get $h) (i32.const 1)))
    (i32.const 2128))
  ;; pick(a, b, c: shape) -> s32, from the tuple: a.origin.x + b.origin.y + c.tag's payload.
  (func (export "pick") (param $t i32) (result i32)
    (i32.add (i32.add (i32.load offset=4 (local.get $t)) (i32.load offset=48 (local.get $t))) (i32.load offset=112 (local.get $t))))

  ;; Hostile results.
  (func (export "bad_tag") (result i32) (i32.const 2176))
  (func (export "bad_char") (result i32) (i32.const 2240))
  (func (export "misaligned_point") (result i32) (i32.const 2114))
  (func (export "point_past_the_end") (result i32) (i32.const 65532))

  ;; Through the host.
  (func (export "mirror_via_host") (param i32 i32) (result i32)
    (call $mirror (local.get 0) (local.get 1) (i32.const 3072))
    (i32.const 3072))
  (func (export "describe_via_host") (param i32 i32 i32 f64 i32 i32 i32) (result i32)
    (call $describe (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5) (local.get 6) (i32.const 3104))
    (i32.const 3104))
  (func (export "mirror_later_via_host") (param i32 i32) (result i32)
    (call $mirror_later (local.get 0) (local.get 1) (i32.const 3200))
    (i32.const 3200))
  (func (export "bump_via_host") (param i64) (result i64) (call $bump (local.get 0)))
  (func (export "total_via_host") (param i32) (result i32) (call $total (local.get 0)))

  ;; Hostile calls into the host.
  (func (export "host_bad_tag") (result i32)
    (call $describe (i32.const 1) (i32.const 2) (i32.const 3) (f64.const 1) (i32.const 65) (i32.const 7) (i32.const 0) (i32.const 3104))
    (i32.const 3104))
  (func (export "host_bad_char") (result i32)
    (call $describe (i32.const 1) (i32.const 2) (i32.const 3) (f64.const 1) (i32.const 0xD800) (i32.const 0) (i32.const 0) (i32.const 3104))
    (i32.const 3104))
  (func (export "host_bad_area") (result i32)
    (call $mirror (i32.const 1) (i32.const 2) (i32.const 3074))
    (i32.const 3072))
  (func (export "host_bad_tuple") (result i32) (call $total (i32.const 4)))
  (func (export "host_tuple_past_the_end") (result i32) (call $total (i32.const 65528)))
)

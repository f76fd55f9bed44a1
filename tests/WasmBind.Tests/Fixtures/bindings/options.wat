;; Canonical ABI options (T? in C#) for tests/WasmBind.Tests/Bindings/OptionTests.cs. Flat, an option<T> is an i32
;; discriminant (0 none, 1 some) and T's core value; as a result (two core values, over MAX_FLAT_RESULTS) it lives in a
;; result area: the discriminant byte, then T at T's alignment.
(module
  (import "opt" "add" (func $add (param i32 i32 i32 i32 i32)))    ;; Add(int? a, int? b) -> int?, area last
  (import "opt" "later" (func $later (param i32 i32 i32)))        ;; async LaterAsync(int? x) -> int?, area last
  (memory (export "memory") 1)
  ;; A bad discriminant (2) for an option<s32> result area.
  (data (i32.const 1088) "\02")

  ;; option<s32> at 1024: discriminant at 1024, payload at 1028.
  (func (export "echo_i32") (param $c i32) (param $v i32) (result i32)
    (i32.store8 (i32.const 1024) (local.get $c))
    (i32.store (i32.const 1028) (local.get $v))
    (i32.const 1024))
  ;; option<s64> at 1040: payload at 1048.
  (func (export "echo_i64") (param $c i32) (param $v i64) (result i32)
    (i32.store8 (i32.const 1040) (local.get $c))
    (i64.store (i32.const 1048) (local.get $v))
    (i32.const 1040))
  ;; option<f64> at 1056: payload at 1064.
  (func (export "echo_f64") (param $c i32) (param $v f64) (result i32)
    (i32.store8 (i32.const 1056) (local.get $c))
    (f64.store (i32.const 1064) (local.get $v))
    (i32.const 1056))
  ;; option<bool> at 1072: payload at 1073.
  (func (export "echo_bool") (param $c i32) (param $v i32) (result i32)
    (i32.store8 (i32.const 1072) (local.get $c))
    (i32.store8 (i32.const 1073) (local.get $v))
    (i32.const 1072))
  (func (export "bad_case") (result i32) (i32.const 1088))
  (func (export "misaligned") (result i32) (i32.const 1090))
  (func (export "past_the_end") (result i32) (i32.const 65532))
  ;; The host adds two options into the area at 1104; the guest returns that area as its own result.
  (func (export "sum_via_host") (param i32 i32 i32 i32) (result i32)
    (call $add (local.get 0) (local.get 1) (local.get 2) (local.get 3) (i32.const 1104))
    (i32.const 1104))
  (func (export "host_bad_case") (result i32)
    (call $add (i32.const 5) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 1104))
    (i32.const 1104))
  (func (export "host_bad_area") (result i32)
    (call $add (i32.const 1) (i32.const 1) (i32.const 1) (i32.const 2) (i32.const 1106))
    (i32.const 1104))
  ;; As sum_via_host, through the async import.
  (func (export "later_via_host") (param i32 i32) (result i32)
    (call $later (local.get 0) (local.get 1) (i32.const 1120))
    (i32.const 1120))
)

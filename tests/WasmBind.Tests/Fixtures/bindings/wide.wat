;; Functions whose parameters flatten to more than 16 core values (MAX_FLAT_PARAMS), so they travel as one tuple in
;; memory, passed by its address (tests/WasmBind.Tests/Bindings/WideParameterTests.cs). The tuple of
;; (string x8, u8, s16, s64, f64, bool, char) is laid out per the Canonical ABI: the strings' (ptr, len) pairs at 0..63,
;; u8 at 64, s16 at 66, s64 at 72, f64 at 80, bool at 88, char at 92; 96 bytes, 8-aligned.
;; The data segments below hold such tuples, little-endian, byte by byte.
(module
  (import "wide" "receive" (func $receive (param i32)))

  (memory (export "memory") 1)
  ;; The strings "s0" .. "s7", two bytes each.
  (data (i32.const 16) "s0s1s2s3s4s5s6s7")
  ;; The tuple, with char U+1F30D.
  (data (i32.const 256) "\10\00\00\00\02\00\00\00\12\00\00\00\02\00\00\00\14\00\00\00\02\00\00\00\16\00\00\00\02\00\00\00\18\00\00\00\02\00\00\00\1a\00\00\00\02\00\00\00\1c\00\00\00\02\00\00\00\1e\00\00\00\02\00\00\00\c8\00\fe\ff\00\00\00\00\08\07\06\05\04\03\02\01\00\00\00\00\00\00\f8\3f\01\00\00\00\0d\f3\01\00")
  ;; The same tuple with a lone surrogate as its char.
  (data (i32.const 512) "\10\00\00\00\02\00\00\00\12\00\00\00\02\00\00\00\14\00\00\00\02\00\00\00\16\00\00\00\02\00\00\00\18\00\00\00\02\00\00\00\1a\00\00\00\02\00\00\00\1c\00\00\00\02\00\00\00\1e\00\00\00\02\00\00\00\c8\00\fe\ff\00\00\00\00\08\07\06\05\04\03\02\01\00\00\00\00\00\00\f8\3f\01\00\00\00\00\d8\00\00")

  (global $heap (mut i32) (i32.const 4096))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $ptr) (local.get 3)))
    (local.get $ptr))

  ;; Returns the address of the tuple the host passed, so the test can read what the host stored.
  (func (export "describe") (param i32) (result i32) (local.get 0))

  (func (export "send") (call $receive (i32.const 256)))
  (func (export "send_misaligned") (call $receive (i32.const 260)))
  (func (export "send_out_of_bounds") (call $receive (i32.const 65448)))
  (func (export "send_bad_char") (call $receive (i32.const 512)))
)

;; A hostile guest for the binding generator's end-to-end tests: every pointer, length and return area it hands the
;; host is wrong in some way. The host must answer each with a TrapException, never another exception, never a read
;; or write outside this memory.
(module
  (import "host" "log" (func $log (param i32 i32)))
  (import "host" "decorate" (func $decorate (param i32 i32 i32)))

  (memory (export "memory") 1)

  (data (i32.const 16) "abc")
  (data (i32.const 24) "\ff\fe\fd")                       ;; not UTF-8
  (data (i32.const 1024) "\e8\fd\00\00\e8\03\00\00")      ;; (ptr 65000, len 1000): past the end of memory
  (data (i32.const 1032) "\00\00\00\00\ff\ff\ff\7f")      ;; (ptr 0, len 2^31 - 1): over the ABI's limit
  (data (i32.const 1040) "\18\00\00\00\03\00\00\00")      ;; (ptr 24, len 3): the invalid UTF-8 above
  (data (i32.const 1048) "\00\00\ff\ff\08\00\00\00")      ;; (ptr 0xffff0000, len 8): a "negative" pointer

  ;; An allocator that answers every request with memory that does not exist.
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (i32.const 0x20000))

  (func (export "bad_string") (result i32) (i32.const 1024))
  (func (export "huge_length") (result i32) (i32.const 1032))
  (func (export "invalid_utf8") (result i32) (i32.const 1040))
  (func (export "negative_pointer") (result i32) (i32.const 1048))
  (func (export "bad_area") (result i32) (i32.const 65532))       ;; the 8-byte area would end past memory
  (func (export "misaligned_area") (result i32) (i32.const 1026))
  (func (export "take_string") (param i32 i32))                  ;; its argument never arrives: the allocator fails

  (func (export "log_out_of_bounds") (call $log (i32.const 65530) (i32.const 100)))
  (func (export "decorate_bad_area") (call $decorate (i32.const 16) (i32.const 3) (i32.const 65535)))
  (func (export "decorate_bad_allocator") (call $decorate (i32.const 16) (i32.const 3) (i32.const 1056)))
)

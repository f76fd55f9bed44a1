;; A guest that gives an async import a return area outside its memory (tests/WasmBind.Tests/Bindings/CancellationTests.cs):
;; the host's late result must trap when the call resumes, touching nothing, and leave the store usable.
(module
  (import "host" "fetch" (func $fetch (param i32 i32 i32)))   ;; async: string -> string, through a return pointer
  (memory (export "memory") 1)
  (data (i32.const 16) "key")
  (global $heap (mut i32) (i32.const 4096))
  (global $allocations (mut i32) (i32.const 0))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $ptr) (local.get 3)))
    (global.set $allocations (i32.add (global.get $allocations) (i32.const 1)))
    (local.get $ptr))
  (func (export "allocation_count") (result i32) (global.get $allocations))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  ;; The 8-byte return area at 65532 would end past the 64 KiB memory.
  (func (export "fetch_bad_area") (call $fetch (i32.const 16) (i32.const 3) (i32.const 65532)))
)

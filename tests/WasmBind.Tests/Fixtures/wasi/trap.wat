;; A WASI command that prints a line and then traps two calls deep, for `wasmbind run`'s trap report.
;; Rebuild with build.sh.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "about to trap\n")
  (func $explode unreachable)
  (func $middle call $explode)
  (func (export "_start")
    ;; iovec at 0: { buf = 16, len = 14 }
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 14))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    call $middle))

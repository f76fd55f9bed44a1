;; A guest for the binding generator's end-to-end tests (tests/WasmBind.Tests/Bindings).
;; It follows the Canonical ABI for a core module: strings and byte lists are (ptr, len) pairs of i32; memory for
;; values the host passes in comes from cabi_realloc (a bump allocator); a string or list result is returned through a
;; return area of two i32 (8 bytes, 4-aligned); cabi_post_greet runs after the host has read greet's result.
(module
  ;; Host functions, bound by IGuestHost.AddTo.
  (import "host" "log" (func $log (param i32 i32)))
  (import "host" "decorate" (func $decorate (param i32 i32 i32)))           ;; string -> string, through a return pointer
  (import "host" "transform" (func $transform (param i32 i32 i32)))         ;; bytes -> bytes, through a return pointer
  (import "host" "call_back" (func $call_back (param i32) (result i32)))    ;; the host calls back into add
  (import "host" "fetch" (func $fetch (param i32 i32 i32)))                 ;; async: string -> string
  (import "host" "sleep" (func $sleep))                                     ;; async: completes when the host says so
  (import "host" "wide" (func $wide (param i32 i32 i32 i32 i32 i32 i32)))   ;; three strings and an int: 7 core params

  (memory (export "memory") 1)

  ;; 0..1023: constants. 1024: the return area of exports. 1040: the return area passed to imports. 4096..: the heap.
  (data (i32.const 16) "Hello, ")
  (data (i32.const 32) "!")
  (data (i32.const 48) "alpha")
  (data (i32.const 64) "beta")
  (data (i32.const 80) "gamma")

  (global $heap (mut i32) (i32.const 4096))
  (global $allocations (mut i32) (i32.const 0))
  (global $posts (mut i32) (i32.const 0))
  (global $last_post_area (mut i32) (i32.const -1))

  ;; realloc(old_ptr, old_size, align, new_size) -> ptr: a bump allocator that grows memory as needed.
  (func $cabi_realloc (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $ptr i32) (local $end i32) (local $limit i32)
    (local.set $ptr
      (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
               (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $ptr) (local.get $new_size)))
    (local.set $limit (i32.mul (memory.size) (i32.const 65536)))
    (if (i32.gt_u (local.get $end) (local.get $limit))
      (then
        (drop (memory.grow
          (i32.add (i32.shr_u (i32.sub (local.get $end) (local.get $limit)) (i32.const 16)) (i32.const 1))))))
    (if (local.get $old)
      (then (memory.copy (local.get $ptr) (local.get $old) (local.get $old_size))))
    (global.set $heap (local.get $end))
    (global.set $allocations (i32.add (global.get $allocations) (i32.const 1)))
    (local.get $ptr))

  (func (export "add") (param $a i32) (param $b i32) (result i32)
    (i32.add (local.get $a) (local.get $b)))

  ;; greet(name) -> "Hello, " + name + "!"
  (func (export "greet") (param $ptr i32) (param $len i32) (result i32)
    (local $out i32) (local $total i32)
    (local.set $total (i32.add (local.get $len) (i32.const 8)))
    (local.set $out (call $cabi_realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $total)))
    (memory.copy (local.get $out) (i32.const 16) (i32.const 7))
    (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $ptr) (local.get $len))
    (i32.store8 (i32.add (local.get $out) (i32.add (local.get $len) (i32.const 7))) (i32.const 33))
    (i32.store (i32.const 1024) (local.get $out))
    (i32.store (i32.const 1028) (local.get $total))
    (i32.const 1024))

  ;; Called by the host after it has read greet's result, with the return area greet returned.
  (func (export "cabi_post_greet") (param $area i32)
    (global.set $posts (i32.add (global.get $posts) (i32.const 1)))
    (global.set $last_post_area (local.get $area)))

  (func (export "post_count") (result i32) (global.get $posts))
  (func (export "last_post_area") (result i32) (global.get $last_post_area))
  (func (export "allocation_count") (result i32) (global.get $allocations))

  ;; reverse(bytes) -> the bytes in reverse order
  (func (export "reverse") (param $ptr i32) (param $len i32) (result i32)
    (local $out i32) (local $i i32)
    (local.set $out (call $cabi_realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (i32.store8
          (i32.add (local.get $out) (local.get $i))
          (i32.load8_u (i32.sub (i32.add (local.get $ptr) (local.get $len)) (i32.add (local.get $i) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store (i32.const 1024) (local.get $out))
    (i32.store (i32.const 1028) (local.get $len))
    (i32.const 1024))

  ;; greet_via_host(name): logs the name through the host, asks the host to decorate it, and returns the host's string.
  (func (export "greet_via_host") (param $ptr i32) (param $len i32) (result i32)
    (call $log (local.get $ptr) (local.get $len))
    (call $decorate (local.get $ptr) (local.get $len) (i32.const 1040))
    (i32.store (i32.const 1024) (i32.load (i32.const 1040)))
    (i32.store (i32.const 1028) (i32.load (i32.const 1044)))
    (i32.const 1024))

  ;; transform_and_sum(bytes): has the host transform the bytes, and returns the sum of the bytes it got back.
  (func (export "transform_and_sum") (param $ptr i32) (param $len i32) (result i32)
    (local $p i32) (local $n i32) (local $i i32) (local $sum i32)
    (call $transform (local.get $ptr) (local.get $len) (i32.const 1040))
    (local.set $p (i32.load (i32.const 1040)))
    (local.set $n (i32.load (i32.const 1044)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum))

  ;; roundtrip(x): the guest calls the host, which calls the guest's add.
  (func (export "roundtrip") (param $x i32) (result i32)
    (call $call_back (local.get $x)))

  (func (export "log_name") (param $ptr i32) (param $len i32)
    (call $log (local.get $ptr) (local.get $len)))

  ;; fetch_len(key): awaits the host's async fetch and returns the length of the string it produced.
  (func (export "fetch_len") (param $ptr i32) (param $len i32) (result i32)
    (call $fetch (local.get $ptr) (local.get $len) (i32.const 1040))
    (i32.load (i32.const 1044)))

  ;; wait(): awaits the host's async sleep, then returns 7.
  (func (export "wait") (result i32)
    (call $sleep)
    (i32.const 7))

  (func (export "call_wide")
    (call $wide (i32.const 48) (i32.const 5) (i32.const 64) (i32.const 4) (i32.const 80) (i32.const 5) (i32.const 42)))

  ;; Seven core parameters: bound through the untyped path.
  (func (export "sum7") (param i32 i32 i32 i32 i32 i32 i32) (result i64)
    (i64.extend_i32_s
      (i32.add (local.get 0) (i32.add (local.get 1) (i32.add (local.get 2) (i32.add (local.get 3)
        (i32.add (local.get 4) (i32.add (local.get 5) (local.get 6)))))))))

  ;; Echoes, exported under several names so one interface can bind each .NET type to its own export.
  (func $echo_i32 (param i32) (result i32) (local.get 0))
  (func $echo_i64 (param i64) (result i64) (local.get 0))
  (func $echo_f32 (param f32) (result f32) (local.get 0))
  (func $echo_f64 (param f64) (result f64) (local.get 0))
  (export "echo_bool" (func $echo_i32))
  (export "echo_s8" (func $echo_i32))
  (export "echo_u8" (func $echo_i32))
  (export "echo_s16" (func $echo_i32))
  (export "echo_u16" (func $echo_i32))
  (export "echo_u32" (func $echo_i32))
  (export "echo_color" (func $echo_i32))
  (export "echo_s64" (func $echo_i64))
  (export "echo_u64" (func $echo_i64))
  (export "echo_f32" (func $echo_f32))
  (export "echo_f64" (func $echo_f64))
  ;; Whether the i32 it got is exactly 1 (a lowered true), as 0 or 1.
  (func (export "is_one") (param i32) (result i32) (i32.eq (local.get 0) (i32.const 1)))
)

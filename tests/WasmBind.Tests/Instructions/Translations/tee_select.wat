;; local.set and local.tee retarget the result of the instruction before them into the local (no Copy), and select
;; reads its operands where they are.
(module
  (func $clamp (export "clamp") (param $x i32) (param $limit i32) (result i32)
    (local $doubled i32)
    (local.set $doubled (i32.shl (local.get $x) (i32.const 1)))
    (select
      (local.get $limit)
      (local.tee $x (i32.sub (local.get $doubled) (i32.const 3)))
      (i32.gt_s (local.get $x) (local.get $limit)))))

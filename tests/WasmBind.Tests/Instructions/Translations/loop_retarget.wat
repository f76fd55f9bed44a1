;; Branches that carry values to a block's result slots (moves before the jump), branches to an enclosing loop
;; (target known at once) and to blocks (patched when the block ends), and a br_table.
(module
  (func $classify (export "classify") (param $v i32) (result i32)
    (block $done (result i32)
      (block $small
        (block $zero
          (br_table $zero $small $small (local.get $v)))
        (br $done (i32.const 100)))
      (loop $halve (result i32)
        (local.set $v (i32.shr_u (local.get $v) (i32.const 1)))
        (br_if $halve (i32.gt_u (local.get $v) (i32.const 8)))
        (local.get $v)))))

;; Direct and indirect calls place arguments at the callee's frame base (the slots above the caller's live values)
;; and find results there; a tail call reuses the frame.
(module
  (type $unary (func (param i64) (result i64)))
  (table 1 funcref)
  (elem (i32.const 0) $square)
  (func $square (type $unary) (param $x i64) (result i64)
    (i64.mul (local.get $x) (local.get $x)))
  (func $sum_of_squares (export "sum_of_squares") (param $a i64) (param $b i64) (result i64)
    (i64.add
      (call $square (local.get $a))
      (call_indirect (type $unary) (local.get $b) (i32.const 0))))
  (func $tail (export "tail") (param $a i64) (result i64)
    (return_call $square (i64.add (local.get $a) (i64.const 0x1_0000_0000)))))

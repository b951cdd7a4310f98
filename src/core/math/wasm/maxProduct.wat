;; The sensitivity hot loop with 128-bit SIMD: for each input column j in [j0, j1), over the points q
;; where that input is non-zero, row = max(row, a_q * r[x_q]) two doubles at a time (f64, so the results
;; equal the scalar definition bit for bit). A point's row of r holds both sides' reciprocals (stride
;; doubles, even), so one pass serves both sides. Memory layout (byte offsets given by the caller):
;; colStart i32[inF + 1], xs i32[nnz] (byte offset of the point's r row), vs f64[nnz],
;; r f64[n * stride], out f64[inF * stride].
;; Assemble: node scripts/build-wasm.mjs (writes maxProductWasm.ts; a unit test checks it is current).
(module
  (memory (export "memory") 1)
  (func (export "columns")
    (param $j0 i32) (param $j1 i32) (param $colStart i32) (param $xs i32) (param $vs i32)
    (param $r i32) (param $out i32) (param $stride i32)
    (local $j i32) (local $q i32) (local $qEnd i32) (local $row i32) (local $rowEnd i32)
    (local $src i32) (local $p i32) (local $a v128)
    (local.set $j (local.get $j0))
    (block $doneColumns
      (loop $columns
        (br_if $doneColumns (i32.ge_u (local.get $j) (local.get $j1)))
        (local.set $row (i32.add (local.get $out) (i32.mul (local.get $j) (i32.shl (local.get $stride) (i32.const 3)))))
        (local.set $rowEnd (i32.add (local.get $row) (i32.shl (local.get $stride) (i32.const 3))))
        ;; row = 0
        (local.set $p (local.get $row))
        (block $doneZero
          (loop $zero
            (br_if $doneZero (i32.ge_u (local.get $p) (local.get $rowEnd)))
            (v128.store (local.get $p) (v128.const i32x4 0 0 0 0))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $zero)))
        (local.set $q (i32.load (i32.add (local.get $colStart) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $qEnd (i32.load (i32.add (local.get $colStart) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
        (block $donePoints
          (loop $points
            (br_if $donePoints (i32.ge_u (local.get $q) (local.get $qEnd)))
            (local.set $a (f64x2.splat (f64.load (i32.add (local.get $vs) (i32.shl (local.get $q) (i32.const 3))))))
            (local.set $src (i32.add (local.get $r) (i32.load (i32.add (local.get $xs) (i32.shl (local.get $q) (i32.const 2))))))
            (local.set $p (local.get $row))
            (block $doneRow
              (loop $rowLoop
                (br_if $doneRow (i32.ge_u (local.get $p) (local.get $rowEnd)))
                (v128.store (local.get $p)
                  (f64x2.max (v128.load (local.get $p)) (f64x2.mul (local.get $a) (v128.load (local.get $src)))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (local.set $src (i32.add (local.get $src) (i32.const 16)))
                (br $rowLoop)))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $points)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns)))
  )
)

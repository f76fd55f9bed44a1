using WasmBind.Binary;

namespace WasmBind.Validation;

/// <summary>
/// Validates constant expressions (spec valid/instructions.rst "Constant Expressions"). <c>global.get</c> must name
/// an immutable global among the visible ones: under 2.0's rule the imported globals only; under 3.0's
/// (<see cref="WasmFeatures.GlobalsInConstantExpressions"/>) every global defined before the expression's owner.
/// </summary>
internal static class ConstantExpressionValidator
{
    /// <param name="context">The module's context.</param>
    /// <param name="expression">The expression.</param>
    /// <param name="expected">Its result type.</param>
    /// <param name="visibleGlobals">
    /// Under 3.0's rule, how many globals the expression may read (a global's initialiser: the globals before it);
    /// null for all of them (segment offsets and items). Ignored under 2.0's rule (imports only).
    /// </param>
    public static void Validate(ValidationContext context, ConstantExpression expression, ValueType expected, int? visibleGlobals = null)
    {
        var readable = context.Has(WasmFeatures.GlobalsInConstantExpressions)
            ? visibleGlobals ?? context.Globals.Length
            : context.ImportedGlobalCount;
        Span<ValueType> stack = stackalloc ValueType[16];
        var height = 0;
        void Push(ValueType type, long offset, Span<ValueType> s)
        {
            if (height == s.Length) throw new InvalidModuleException(offset, "constant expression too deep");
            s[height++] = type;
        }

        foreach (var instruction in expression.Instructions)
        {
            var offset = instruction.Offset;
            switch (instruction.Opcode)
            {
                case Opcode.I32Const: Push(ValueType.I32, offset, stack); break;
                case Opcode.I64Const: Push(ValueType.I64, offset, stack); break;
                case Opcode.F32Const: Push(ValueType.F32, offset, stack); break;
                case Opcode.F64Const: Push(ValueType.F64, offset, stack); break;
                case Opcode.RefNull: Push((ValueType)instruction.Immediate, offset, stack); break;
                case Opcode.SimdPrefix when instruction.SubOpcode == (uint)SimdOpcode.V128Const:
                    if (!context.Has(WasmFeatures.Simd)) throw new InvalidModuleException(offset, "SIMD is not enabled");
                    Push(ValueType.V128, offset, stack);
                    break;
                case Opcode.RefFunc:
                    if (instruction.Immediate >= (ulong)context.FunctionTypeIndices.Length)
                        throw new InvalidModuleException(offset, $"unknown function {instruction.Immediate}");
                    Push(ValueType.FuncRef, offset, stack);
                    break;
                case Opcode.GlobalGet:
                    if (instruction.Immediate >= (ulong)readable)
                        throw new InvalidModuleException(offset, $"unknown global {instruction.Immediate}");
                    var global = context.Globals[instruction.Immediate];
                    if (global.Mutable) throw new InvalidModuleException(offset, "constant expression required");
                    Push(global.ValueType, offset, stack);
                    break;
                case Opcode.I32Add or Opcode.I32Sub or Opcode.I32Mul or Opcode.I64Add or Opcode.I64Sub or Opcode.I64Mul when context.Has(WasmFeatures.ExtendedConst):
                    var operand = instruction.Opcode <= Opcode.I32Mul ? ValueType.I32 : ValueType.I64;
                    if (height < 2 || stack[height - 1] != operand || stack[height - 2] != operand)
                        throw new InvalidModuleException(offset, "type mismatch");
                    height--;
                    break;
                default:
                    throw new InvalidModuleException(offset, "constant expression required");
            }
        }
        if (height != 1 || stack[0] != expected) throw new InvalidModuleException(expression.Offset, "type mismatch");
    }
}

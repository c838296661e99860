using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace WganService.Api.Tests.Architecture;

/// <summary>The metadata tokens (types, methods, fields) a method body's instructions name.</summary>
internal static class IlTokens
{
    private static readonly Dictionary<short, OpCode> ByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static IEnumerable<int> Of(MethodBodyBlock body)
    {
        var tokens = new List<int>();
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short value = il.ReadByte();
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il.ReadByte()));
            switch (ByValue[value].OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    tokens.Add(il.ReadInt32());
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32(); // read first: `Offset += 4 * ReadInt32()` would read Offset before the count
                    il.Offset += 4 * targets;
                    break;
                case var operand:
                    il.Offset += OperandSize(operand);
                    break;
            }
        }
        return tokens;
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4, // InlineBrTarget, InlineI, ShortInlineR, InlineString, InlineSig
    };
}

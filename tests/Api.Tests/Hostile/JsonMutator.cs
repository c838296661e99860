using System.Text;
using System.Text.Json.Nodes;

namespace WganService.Api.Tests.Hostile;

/// <summary>
/// Turns a valid JSON body into a malformed one: a field given a hostile value, an unknown field, a
/// required one dropped, the body replaced, truncated, bit-flipped or left invalid UTF-8. Values are
/// spliced in as raw text through a placeholder, so they can be tokens no serializer writes.
/// </summary>
internal static class JsonMutator
{
    private const string Placeholder = "\u0001hostile\u0001";

    public static byte[] Mutate(JsonObject valid, Random random)
    {
        var body = (JsonObject)valid.DeepClone();
        var splices = new List<string>();
        for (var i = random.Next(1, 4); i > 0; i--) MutateTree(body, random, splices);
        var text = body.ToJsonString();
        foreach (var raw in splices) text = ReplaceFirst(text, System.Text.Json.JsonSerializer.Serialize(Placeholder), raw);

        return random.Next(10) switch
        {
            0 => Encoding.UTF8.GetBytes(HostileValues.JsonToken(random)), // not an object at all
            1 => Encoding.UTF8.GetBytes(text[..random.Next(text.Length)]), // truncated
            2 => FlipBytes(Encoding.UTF8.GetBytes(text), random),
            3 => [.. Encoding.UTF8.GetBytes(text[..(text.Length / 2)]), 0xC3, 0x28, 0xFF,
                .. Encoding.UTF8.GetBytes(text[(text.Length / 2)..])],
            _ => Encoding.UTF8.GetBytes(text),
        };
    }

    private static void MutateTree(JsonObject root, Random random, List<string> splices)
    {
        var target = PickObject(root, random);
        var names = target.Select(p => p.Key).ToList();
        switch (random.Next(5))
        {
            case 0:
                target[$"unknown{random.Next(100)}"] = random.Next(2) == 0 ? 1 : "x"; // typo'd or invented field
                break;
            case 1 when names.Count > 0:
                target.Remove(names[random.Next(names.Count)]);
                break;
            default:
                var name = names.Count > 0 && random.Next(4) > 0 ? names[random.Next(names.Count)] : $"extra{random.Next(10)}";
                target[name] = Placeholder;
                splices.Add(HostileValues.JsonToken(random));
                break;
        }
    }

    /// <summary>The body itself or one of the objects nested in it (hyperparameters, interpolate).</summary>
    private static JsonObject PickObject(JsonObject root, Random random)
    {
        var nested = root.Select(p => p.Value).OfType<JsonObject>().ToList();
        return nested.Count > 0 && random.Next(2) == 0 ? nested[random.Next(nested.Count)] : root;
    }

    private static byte[] FlipBytes(byte[] bytes, Random random)
    {
        for (var i = random.Next(1, 4); i > 0 && bytes.Length > 0; i--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return bytes;
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + what.Length));
    }
}

using System.Globalization;
using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>
/// Lenient reading of control-API bodies. Tests post them from PowerShell (ConvertTo-Json), so
/// names are matched case-insensitively, numbers may arrive as strings, and the Content-Type
/// header is ignored.
/// </summary>
static class JsonIn
{
    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext ctx)
    {
        using var ms = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(ms, ctx.RequestAborted);
        return new ReadOnlyMemory<byte>(ms.GetBuffer(), 0, (int)ms.Length); // no extra copy
    }

    /// <summary>Parses an object body; an empty body is an empty object. Throws FormatException.</summary>
    public static JsonElement ParseObject(ReadOnlyMemory<byte> body)
    {
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty) return JsonDocument.Parse("{}").RootElement;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("body must be a JSON object");
            return doc.RootElement.Clone();
        }
        catch (JsonException e) { throw new FormatException("invalid JSON: " + e.Message); }
    }

    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        foreach (var p in obj.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind != JsonValueKind.Null)
            {
                value = p.Value;
                return true;
            }
        value = default;
        return false;
    }

    public static int? Int(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d)) return (int)Math.Clamp(d, int.MinValue, int.MaxValue);
        if (v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)) return i;
        throw new FormatException($"'{name}' must be an integer");
    }

    /// <summary>A string property; any other JSON value is taken as its raw JSON text.</summary>
    public static string? Str(JsonElement obj, string name) =>
        !TryGet(obj, name, out var v) ? null : v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
}

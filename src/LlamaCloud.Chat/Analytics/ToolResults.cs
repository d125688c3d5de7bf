using System.Text;
using System.Text.Json;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// Whether a tool call failed. The API has no error flag on tool results; a result that is a JSON object with an
    /// <c>error</c> member that is not null, false or empty, or with <c>is_error: true</c>, reports one (as tools
    /// in LlamaCloud's sessions do: <c>{"error": "timeout after 30s"}</c>).
    /// </summary>
    internal static class ToolResults
    {
        internal static bool IsError(string? resultJson)
        {
            if (string.IsNullOrEmpty(resultJson)) return false;
            try
            {
                var r = new Utf8JsonReader(Encoding.UTF8.GetBytes(resultJson), JsonLimits.Document);
                if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return false;
                var error = false;
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    var isError = r.ValueTextEquals("error"u8);
                    var isFlag = !isError && r.ValueTextEquals("is_error"u8);
                    r.Read();
                    if (isError)
                    {
                        error |= r.TokenType switch
                        {
                            JsonTokenType.Null or JsonTokenType.False => false,
                            JsonTokenType.String => r.ValueSpan.Length > 0,
                            _ => true,
                        };
                    }
                    else if (isFlag) error |= r.TokenType == JsonTokenType.True;
                    if (r.TokenType == JsonTokenType.StartObject || r.TokenType == JsonTokenType.StartArray) r.Skip();
                }
                return error;
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}

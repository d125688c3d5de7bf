using System.Text;
using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>
/// ses-pii: a session holding every value of the redaction corpus (tests/data/redaction-corpus.json, embedded) in every
/// field a transcript or trace shows: the title, index ids, the job's error, prompts, reasoning, answers, tool names,
/// arguments (strings, and numbers that are card or phone numbers), results, an image attachment and a stop error.
/// The answer and a tool result also hold every near miss, which must come through redaction unchanged. Served by id,
/// never listed, so the listing fixtures stay as they are.
/// </summary>
static class PiiFixture
{
    public const string Id = "ses-pii";

    sealed record Positive(string Rule, string Value, string? Context, string? Json);

    public static StoredSession Build()
    {
        using var stream = typeof(PiiFixture).Assembly.GetManifestResourceStream("redaction-corpus.json")
            ?? throw new InvalidOperationException("The redaction corpus is not embedded in the emulator.");
        using var corpus = JsonDocument.Parse(stream);
        var positives = corpus.RootElement.GetProperty("positives").EnumerateArray().Select(e => new Positive(
            e.GetProperty("rule").GetString()!, e.GetProperty("value").GetString()!,
            e.TryGetProperty("context", out var c) ? c.GetString() : null, e.TryGetProperty("json", out var j) ? j.GetString() : null)).ToList();
        var nearMisses = corpus.RootElement.GetProperty("nearMisses").EnumerateArray().Select(e => e.GetProperty("value").GetString()!).ToList();
        var texts = positives.Where(p => p.Json == null).Select(p => p.Context ?? p.Value).ToList();
        string First(string rule) => positives.First(p => p.Rule == rule && p.Json == null).Value;

        var prompt = "Please update my records:\n" + string.Join("\n", texts);
        var thinking = "The customer wrote from " + First("Email") + " and " + First("IPv4") + "; the card is " + First("PaymentCard") + ".";
        var answer = "Updated. These stay as they are: " + string.Join("; ", nearMisses) + ".\nI wrote to " + First("Email")
            + " and called " + First("Phone") + ".";
        var title = "Records of " + First("Email") + ", " + First("Phone");

        // Tool arguments: every text value inside JSON strings, and the corpus's JSON documents as they are.
        var args = new StringBuilder("{\"query\":").Append(SessionJson.Quote(string.Join(" | ", texts))).Append(",\"records\":[");
        args.Append(string.Join(",", positives.Where(p => p.Json != null).Select(p => p.Json)));
        args.Append("],\"top_k\":5}");
        var result = "{\"nodes\":[{\"text\":" + SessionJson.Quote(string.Join("\n", texts.Take(texts.Count / 2))) + ",\"score\":0.91}],"
            + "\"unchanged\":[" + string.Join(",", nearMisses.Select(SessionJson.Quote)) + "],\"email\":" + SessionJson.Quote(First("Email")) + "}";
        var image = "{\"attachment_name\":" + SessionJson.Quote("scan of " + First("Iban") + ".png") + ",\"source_id\":" + SessionJson.Quote(First("IPv6")) + "}";

        var meta = new SessionMeta(Id, SessionJson.ParseTimestamp("2026-04-16T09:00:00.000001"), SessionJson.Quote(title),
            "[\"idx-abc123\"," + SessionJson.Quote(First("Email")) + "]",
            "{\"duration_ms\":120.0,\"error\":" + SessionJson.Quote("Last run failed for " + First("IPv4")) + ",\"export_config_ids\":null,\"is_error\":true,\"total_input_tokens\":40,\"total_output_tokens\":60,\"turns\":2}");
        var built = SessionJson.Build(meta, e =>
        {
            e.Content("user_input", prompt);
            e.Content("thinking_delta", "The customer ").Content("thinking", thinking);
            e.ToolCall("call_1", "lookup_customer", args.ToString());
            e.ToolResult("call_1", "lookup_customer", result, image);
            e.Content("text_delta", "Updated.").Content("text", answer);
            e.Stop(null, false, """{"duration_ms":70.0,"total_input_tokens":25,"total_output_tokens":35,"turns":1}""");

            e.Content("user_input", "Charge the card " + positives.First(p => p.Rule == "PaymentCard" && p.Json == null && p.Value != First("PaymentCard")).Value);
            e.ToolCall("call_2", "charge " + First("Email"), "{\"card\":" + SessionJson.Quote(First("PaymentCard")) + ",\"token\":" + SessionJson.Quote(First("ApiKey")) + "}");
            e.Stop("Payment declined for " + First("Iban") + " from " + First("IPv6"), true,
                """{"duration_ms":50.0,"total_input_tokens":15,"total_output_tokens":25,"turns":1}""");
        });
        return new StoredSession(built.Id, built.Body, built.Summary, built.SortTime, listed: false);
    }
}

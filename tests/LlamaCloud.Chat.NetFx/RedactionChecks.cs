using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlamaCloud.Chat.Redaction;

namespace LlamaCloud.Chat.NetFx
{
    /// <summary>
    /// The redaction corpus on .NET Framework's profile (Windows PowerShell 5.1): its regular expressions, IPAddress
    /// parsing and HMAC must give what .NET 8+ gives: every positive replaced whole, every near miss untouched.
    /// </summary>
    internal static class RedactionChecks
    {
        private static readonly byte[] Key = Encoding.UTF8.GetBytes("netfx key");

        internal static IEnumerable<Check> All()
        {
            using var stream = typeof(RedactionChecks).Assembly.GetManifestResourceStream("redaction-corpus.json")!;
            using var reader = new System.IO.StreamReader(stream, Encoding.UTF8);
            var corpus = JsonDocument.Parse(reader.ReadToEnd()).RootElement;
            foreach (var p in corpus.GetProperty("positives").EnumerateArray())
            {
                var rule = p.GetProperty("rule").GetString()!;
                var value = p.GetProperty("value").GetString()!;
                var context = p.TryGetProperty("context", out var c) ? c.GetString()! : value;
                var json = p.TryGetProperty("json", out var j) ? j.GetString() : null;
                yield return new Check($"redaction replaces {rule} {value}", () =>
                {
                    using var r = new TextRedactor((byte[])Key.Clone());
                    var tally = r.NewTally();
                    var label = r.Rules[IndexOf(r, rule)].Label;
                    if (json != null)
                    {
                        var redacted = r.RedactJson(json, tally)!;
                        Equal(false, redacted.Contains(value), "value gone from the JSON");
                        using (JsonDocument.Parse(redacted)) { }
                    }
                    else
                    {
                        var redacted = r.Redact(context, tally)!;
                        var token = Regex.Match(redacted, @"\[" + label + @":[0-9a-f]{12}\]");
                        Equal(true, token.Success, "a " + label + " pseudonym in " + redacted);
                        Equal(context.Replace(value, token.Value), redacted, "exactly the value replaced");
                    }
                    Equal(1, tally.Total, "one value replaced");
                });
            }
            foreach (var n in corpus.GetProperty("nearMisses").EnumerateArray())
            {
                var value = n.GetProperty("value").GetString()!;
                yield return new Check($"redaction leaves the near miss {value}", () =>
                {
                    using var r = new TextRedactor((byte[])Key.Clone());
                    var tally = r.NewTally();
                    Equal("Note: " + value + " (see above)", r.Redact("Note: " + value + " (see above)", tally), "unchanged");
                    Equal(0, tally.Total, "nothing replaced");
                });
            }
            yield return new Check("the pseudonym is HMAC-SHA256 over the label and the normalized value", () =>
            {
                using var r = new TextRedactor((byte[])Key.Clone());
                using var hmac = new HMACSHA256(Key);
                var hash = hmac.ComputeHash(Encoding.UTF8.GetBytes("CARD\n4111111111111111"));
                var hex = new StringBuilder();
                for (var i = 0; i < 6; i++) hex.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                Equal("[CARD:" + hex + "]", r.Redact("4111-1111-1111-1111", r.NewTally()), "pseudonym");
            });
        }

        private static int IndexOf(TextRedactor r, string rule)
        {
            for (var i = 0; i < r.Rules.Count; i++)
            {
                if (r.Rules[i].Name == rule) return i;
            }
            throw new InvalidOperationException("no rule " + rule);
        }

        private static void Equal<T>(T expected, T actual, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
                throw new InvalidOperationException($"{what}: expected <{expected}>, got <{actual}>");
        }
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>What redaction says to the user (its messages, built here so that the words live in one place): never a value, only rules, counts and pattern names.</summary>
    internal static class Messages
    {
        internal static string Starting(TextRedactor redactor)
        {
            var custom = redactor.Rules.Where(r => r.IsCustom).Select(r => r.Name).ToList();
            var rules = "the built-in rules (" + string.Join(", ", redactor.Rules.Where(r => !r.IsCustom).Select(r => r.Name)) + ")"
                + (custom.Count == 0 ? string.Empty : " and -RedactPattern " + string.Join(", ", custom));
            var key = redactor.IsRandomKey
                ? "a random key for this run only (another run gives the same value another pseudonym; give -RedactionKey for pseudonyms that stay the same)"
                : "-RedactionKey (the same value gets the same pseudonym in every run with this key)";
            return "Redacting with " + rules + "; pseudonyms from " + key + ".";
        }

        /// <summary>The run's totals: one line, then one line per rule that replaced something.</summary>
        internal static IEnumerable<string> Summary(IReadOnlyList<ChatRedactionSummary> rows, int outputs, string outputNoun)
        {
            var total = rows.Sum(r => r.Count);
            var what = N(outputs) + " " + outputNoun + (outputs == 1 ? string.Empty : "s");
            yield return total == 0
                ? "Redaction replaced nothing in " + what + "."
                : "Redaction replaced " + N(total) + " value" + (total == 1 ? string.Empty : "s") + " in " + what + ":";
            foreach (var r in rows)
            {
                if (r.Count > 0) yield return "  " + r.Rule + ": " + N(r.Count) + " (" + N(r.DistinctCount) + " distinct) as [" + r.Label + ":…]";
            }
        }

        internal static string TimedOut(string name) =>
            "-RedactPattern " + name + " took longer than " + PatternRule.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)
            + " s on some text; that whole text was replaced by one pseudonym. Simplify the expression to keep the rest of such text.";

        internal static string ImagesNotEmbedded() =>
            "-IncludeImages is not applied with -Redact: a screenshot may show personal data that no rule can find in its pixels. Each attachment is named (redacted) instead; export without -Redact to embed them.";

        internal static string NoName() => "-RedactPattern: every entry needs a name (letters, digits, '_' or '-', starting with a letter), e.g. @{ Ticket = 'TCK-[0-9]{6}' }.";

        internal static string BadName(string name) =>
            "-RedactPattern: '" + name + "' is not a usable name: use letters, digits, '_' or '-', starting with a letter, at most 32 characters.";

        internal static string TakenName(string name) =>
            "-RedactPattern: '" + name + "' is the name of a built-in rule or of another entry; give this pattern a name of its own.";

        internal static string BadPattern(string name, string reason) =>
            "-RedactPattern " + name + " is not a valid regular expression: " + reason;

        internal static string EmptyPattern(string name) => "-RedactPattern " + name + " has no expression.";

        private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
    }
}

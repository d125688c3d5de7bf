using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// Message wording shared by every error: each thing said once, sentences that end before the next begins,
    /// and the title (not the markup) of an HTML page.
    /// </summary>
    internal static class ErrorText
    {
        private static readonly Regex Title = new Regex(@"<title[^>]*>(?<t>.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
        private static readonly Regex Tag = new Regex(@"<[^>]*>", RegexOptions.CultureInvariant);

        /// <summary>What to say after "401 Unauthorized": the server's detail, else its text (an HTML page's title); nothing when that only repeats the reason.</summary>
        internal static string? Explain(string? reason, string? detail, string? text)
        {
            var explanation = detail ?? (string.IsNullOrWhiteSpace(text) ? null : Readable(text!));
            if (string.IsNullOrWhiteSpace(explanation)) return null;
            explanation = TextSummary.OneLine(explanation!.Trim(), 200);
            // "Not Found", "Not Found." or a page titled "502 Bad Gateway" only repeat the status line.
            var bare = explanation.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ' ').TrimEnd('.');
            if (reason != null && string.Equals(bare, reason, StringComparison.OrdinalIgnoreCase)) return null;
            return explanation;
        }

        /// <summary>An HTML page's title (or its text without tags); other text unchanged.</summary>
        internal static string Readable(string text)
        {
            var m = Title.Match(text);
            if (m.Success && !string.IsNullOrWhiteSpace(m.Groups["t"].Value)) return System.Net.WebUtility.HtmlDecode(m.Groups["t"].Value).Trim();
            var trimmed = text.TrimStart();
            if (trimmed.StartsWith("<", StringComparison.Ordinal))
                return System.Net.WebUtility.HtmlDecode(Tag.Replace(text, " ")).Trim();
            return text;
        }

        /// <summary>Ends the text with a full stop unless it already ends a sentence.</summary>
        internal static string Sentence(string text)
        {
            var t = text.TrimEnd();
            if (t.Length == 0) return t;
            var last = t[t.Length - 1];
            return last == '.' || last == '!' || last == '?' || last == ')' || last == '"' || last == '…' ? t : t + ".";
        }

        /// <summary>The messages of an exception and its inner exceptions, each said once, as sentences.</summary>
        internal static string Innermost(Exception ex)
        {
            var parts = new List<string>();
            for (var e = ex; e != null; e = e.InnerException)
            {
                var m = e.Message?.Trim();
                if (string.IsNullOrEmpty(m)) continue;
                var s = Sentence(m!);
                // .NET often repeats the inner message inside the outer one ("... Connection reset by peer. Connection reset by peer").
                if (parts.Exists(p => p.IndexOf(s.TrimEnd('.'), StringComparison.Ordinal) >= 0)) continue;
                parts.RemoveAll(p => s.IndexOf(p.TrimEnd('.'), StringComparison.Ordinal) >= 0);
                parts.Add(s);
            }
            return string.Join(" ", parts);
        }
    }
}

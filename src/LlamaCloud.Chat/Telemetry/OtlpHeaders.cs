using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using System.Text.RegularExpressions;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// The headers sent to the OTLP receiver: OTEL_EXPORTER_OTLP_HEADERS, then OTEL_EXPORTER_OTLP_TRACES_HEADERS, then
    /// -Header, each overriding the one before by name. Their values are secrets (receiver tokens) under the same
    /// rules as the API key: never written anywhere, masked in anything the receiver sends back.
    /// </summary>
    internal sealed class OtlpHeaders
    {
        private static readonly Regex BearerToken = new Regex(@"(?i)bearer\s+[^\s""',;]+", RegexOptions.CultureInvariant);
        private readonly List<KeyValuePair<string, string>> _headers = new List<KeyValuePair<string, string>>();
        // Where each header came from (-Header or the variable's name): safe to show, unlike the values.
        private readonly Dictionary<string, string> _sources = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // Headers known to carry no secret (added by the module itself): never masked in the receiver's answers.
        private readonly HashSet<string> _public = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        internal IReadOnlyList<KeyValuePair<string, string>> All => _headers;

        /// <summary>Names only: safe to show.</summary>
        internal IEnumerable<string> Names
        {
            get { foreach (var h in _headers) yield return h.Key; }
        }

        internal int Count => _headers.Count;

        /// <summary>
        /// The headers' names grouped by where they came from, e.g. "Authorization (from -Header), X-Tenant (from
        /// OTEL_EXPORTER_OTLP_HEADERS)"; "none" when there are none. Never a value.
        /// </summary>
        internal string DescribeSources()
        {
            var named = new List<KeyValuePair<string, string?>>();
            foreach (var h in _headers) named.Add(new KeyValuePair<string, string?>(h.Key, _sources.TryGetValue(h.Key, out var source) ? source : null));
            return Messages.HeaderSources(named);
        }

        /// <summary>
        /// Parses the environment variables' format: comma-separated <c>key=value</c> pairs, each part percent-decoded.
        /// Returns the positions of malformed entries ("entry 2"), which are skipped: never their text, which may hold
        /// a secret (e.g. "Authorization: Bearer abc==", written with a colon).
        /// </summary>
        internal List<string> AddFromEnvironment(string? text, string source = "OTEL_EXPORTER_OTLP_HEADERS")
        {
            var bad = new List<string>();
            if (string.IsNullOrWhiteSpace(text)) return bad;
            var position = 0;
            foreach (var entry in text!.Split(','))
            {
                position++;
                if (entry.Trim().Length == 0) continue;
                var i = entry.IndexOf('=');
                var name = i > 0 ? Decode(entry.Substring(0, i).Trim()) : null;
                var value = i > 0 ? Decode(entry.Substring(i + 1).Trim()) : null;
                if (name == null || value == null || !IsToken(name) || !IsValue(value))
                {
                    bad.Add(Messages.MalformedEntry(position, i > 0 ? null : Messages.NoEquals()));
                    continue;
                }
                Set(name, value, source);
            }
            return bad;
        }

        /// <summary>-Header: names to strings or SecureStrings (unwrapped from PowerShell's PSObjects by the cmdlet).</summary>
        internal void AddFromParameter(IEnumerable<KeyValuePair<object, object?>>? headers)
        {
            if (headers == null) return;
            foreach (var e in headers)
            {
                var name = Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? string.Empty;
                var raw = e.Value;
                var value = raw is SecureString secure ? ApiKey.From(secure)?.Reveal() ?? string.Empty : Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                if (!IsToken(name))
                    throw new LlamaCloudException(Messages.HeaderNameInvalid(name), ErrorIds.InvalidOtlpHeader, ErrorCategory.InvalidArgument);
                if (!IsValue(value))
                    throw new LlamaCloudException(Messages.HeaderValueInvalid(name), ErrorIds.InvalidOtlpHeader, ErrorCategory.InvalidArgument);
                Set(name, value, "-Header");
            }
        }

        /// <summary>A header that carries no secret (a protocol version), unless one of that name was given already.</summary>
        internal void AddIfAbsent(string name, string value, string source)
        {
            foreach (var h in _headers)
            {
                if (string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)) return;
            }
            _headers.Add(new KeyValuePair<string, string>(name, value));
            _sources[name] = source;
            _public.Add(name);
        }

        /// <summary>Masks every header value, and any bearer token, in text that came from the receiver.</summary>
        internal string? Redact(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var masked = text!;
            foreach (var h in _headers)
            {
                if (h.Value.Length >= 4 && !_public.Contains(h.Key)) masked = masked.Replace(h.Value, "********");
            }
            return BearerToken.Replace(masked, "Bearer ********");
        }

        private void Set(string name, string value, string source)
        {
            // The body's encoding is ours to state.
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase)) return;
            if (string.Equals(name, "Content-Encoding", StringComparison.OrdinalIgnoreCase)) return; // -Compression decides it
            _headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
            _headers.Add(new KeyValuePair<string, string>(name, value));
            _sources[name] = source;
        }

        private static string? Decode(string s)
        {
            try { return Uri.UnescapeDataString(s); }
            catch (UriFormatException) { return null; }
        }

        private static bool IsToken(string name)
        {
            if (name.Length == 0) return false;
            foreach (var c in name)
            {
                var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
                if (!ok) return false;
            }
            return true;
        }

        private static bool IsValue(string value)
        {
            foreach (var c in value)
            {
                if (c == '\t') continue;
                if (c < 0x20 || c > 0x7e) return false;
            }
            return true;
        }
    }
}

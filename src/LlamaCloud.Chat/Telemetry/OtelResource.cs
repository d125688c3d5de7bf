using System;
using System.Collections.Generic;
using System.Globalization;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// The resource as an OpenTelemetry SDK configured from the environment would describe it: service.name from
    /// -ServiceName, else OTEL_SERVICE_NAME, else a <c>service.name</c> entry of OTEL_RESOURCE_ATTRIBUTES, else
    /// <see cref="TraceConventions.DefaultServiceName"/>; the variable's other entries become extra string attributes.
    /// </summary>
    internal sealed class OtelResource
    {
        internal const string ServiceNameVariable = "OTEL_SERVICE_NAME";
        internal const string ResourceAttributesVariable = "OTEL_RESOURCE_ATTRIBUTES";

        private OtelResource(string serviceName, IReadOnlyList<KeyValuePair<string, string>> attributes, IReadOnlyList<string> malformed)
        {
            ServiceName = serviceName;
            Attributes = attributes;
            Malformed = malformed;
        }

        internal string ServiceName { get; }

        /// <summary>OTEL_RESOURCE_ATTRIBUTES' entries other than service.name, in order, the last of a repeated key winning.</summary>
        internal IReadOnlyList<KeyValuePair<string, string>> Attributes { get; }

        /// <summary>Positions of skipped entries ("entry 3 (no '=')"), never their text.</summary>
        internal IReadOnlyList<string> Malformed { get; }

        internal static OtelResource Resolve(string? serviceNameParameter, Func<string, string?> environment)
        {
            var (entries, malformed) = Parse(environment(ResourceAttributesVariable));
            string? fromAttributes = null;
            var extra = new List<KeyValuePair<string, string>>();
            foreach (var e in entries)
            {
                if (e.Key == TraceConventions.ServiceName)
                {
                    fromAttributes = e.Value;
                    continue;
                }
                extra.RemoveAll(x => x.Key == e.Key);
                extra.Add(e);
            }
            var fromVariable = environment(ServiceNameVariable)?.Trim();
            var name = !string.IsNullOrWhiteSpace(serviceNameParameter) ? serviceNameParameter!
                : !string.IsNullOrEmpty(fromVariable) ? fromVariable!
                : !string.IsNullOrEmpty(fromAttributes) ? fromAttributes!
                : TraceConventions.DefaultServiceName;
            return new OtelResource(name, extra, malformed);
        }

        /// <summary>
        /// Parses OTEL_RESOURCE_ATTRIBUTES: comma-separated <c>key=value</c> entries (the W3C Baggage shape without
        /// properties), key and value trimmed and percent-decoded, the value running to the end of the entry (so an
        /// unencoded '=' stays in it). Empty entries are ignored; an entry without '=' or with an empty key is skipped
        /// and reported by position. Values are strings, as the specification says.
        /// </summary>
        internal static (List<KeyValuePair<string, string>> Entries, List<string> Malformed) Parse(string? text)
        {
            var entries = new List<KeyValuePair<string, string>>();
            var malformed = new List<string>();
            if (string.IsNullOrWhiteSpace(text)) return (entries, malformed);
            var position = 0;
            foreach (var entry in text!.Split(','))
            {
                position++;
                if (entry.Trim().Length == 0) continue;
                var i = entry.IndexOf('=');
                if (i < 0)
                {
                    malformed.Add(Messages.MalformedEntry(position, Messages.NoEquals()));
                    continue;
                }
                var key = Decode(entry.Substring(0, i).Trim());
                var value = Decode(entry.Substring(i + 1).Trim());
                if (key == null || value == null || key.Trim().Length == 0 || HasControl(key))
                {
                    malformed.Add(Messages.MalformedEntry(position, key != null && key.Trim().Length == 0 ? Messages.EmptyKey() : null));
                    continue;
                }
                entries.Add(new KeyValuePair<string, string>(key.Trim(), value));
            }
            return (entries, malformed);
        }

        private static string? Decode(string s)
        {
            try { return Uri.UnescapeDataString(s); }
            catch (UriFormatException) { return null; }
        }

        private static bool HasControl(string s)
        {
            foreach (var c in s) if (char.IsControl(c)) return true;
            return false;
        }
    }
}

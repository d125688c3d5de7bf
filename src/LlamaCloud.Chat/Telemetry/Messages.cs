using System;
using System.Collections.Generic;
using System.Globalization;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// What the telemetry layer says to the user: the OTLP settings it refuses or corrects, the receiver's failures,
    /// and the -Verbose note of an export request, built here so that the words live in one place. Never a header's value.
    /// </summary>
    internal static class Messages
    {
        /// <summary>Who an OTLP export waits for or sends to, in progress text ("Waiting for the OTLP receiver").</summary>
        internal static string Receiver() => "the OTLP receiver";

        /// <summary>Neither -Path nor an endpoint (parameter or environment).</summary>
        internal static string DestinationMissing() =>
            "Export-LlamaChatTrace needs a destination: -Path for a JSON Lines file, or -Endpoint for an OTLP/HTTP receiver "
            + "(or the OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT environment variable). Nothing was sent. "
            + "For a Collector on this machine: -Endpoint http://localhost:4318.";

        /// <summary>An endpoint (from <paramref name="source"/>) that is not an absolute http(s) URI.</summary>
        internal static string EndpointInvalid(string source) => $"{source} is not an absolute http(s) URI such as http://localhost:4318.";

        /// <summary>An endpoint with user info in it.</summary>
        internal static string EndpointHasCredentials(string source) =>
            $"{source} must not contain credentials; pass them as a header (-Header or OTEL_EXPORTER_OTLP_HEADERS).";

        /// <summary>The warning for OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf, which is sent as JSON instead.</summary>
        internal static string ProtobufSentAsJson(string variable) =>
            $"{variable} is http/protobuf: sending OTLP/JSON instead (this module writes JSON; OTLP/HTTP receivers take it on the same path).";

        /// <summary>OTEL_EXPORTER_OTLP_PROTOCOL=grpc, which this module cannot send.</summary>
        internal static string GrpcUnsupported(string variable) =>
            $"{variable} is grpc, but this module sends OTLP/HTTP (JSON) only. Point the endpoint at the receiver's OTLP/HTTP port (4318 by default, e.g. http://collector:4318) and set {variable} to http/json, or remove it.";

        /// <summary>An OTEL_EXPORTER_OTLP_PROTOCOL value that names no OTLP protocol.</summary>
        internal static string ProtocolUnknown(string variable, string value) =>
            $"{variable} is '{value}', which is not an OTLP protocol (grpc, http/protobuf or http/json). This module sends OTLP/HTTP with JSON: set it to http/json, or remove it.";

        /// <summary>An OTEL_EXPORTER_OTLP_COMPRESSION value other than gzip or none.</summary>
        internal static string CompressionUnknown(string? variable, string value) =>
            $"{variable} is '{value}'; the OTLP compression values are gzip and none.";

        /// <summary>A -Header name that is not an HTTP token.</summary>
        internal static string HeaderNameInvalid(string name) => $"-Header: '{name}' is not a valid header name.";

        /// <summary>A -Header value an HTTP header cannot carry (the value is never shown).</summary>
        internal static string HeaderValueInvalid(string name) =>
            $"-Header: the value of '{name}' has line breaks or non-ASCII characters, so it cannot be sent.";

        /// <summary>Which malformed entry of a key=value list was skipped, by position (never its text); why, when it says.</summary>
        internal static string MalformedEntry(int position, string? why) =>
            "entry " + position.ToString(CultureInfo.InvariantCulture) + (why == null ? string.Empty : " (" + why + ")");

        /// <summary>Why an entry is malformed: it has no '='.</summary>
        internal static string NoEquals() => "no '='";

        /// <summary>Why an entry is malformed: its key is empty.</summary>
        internal static string EmptyKey() => "empty key";

        /// <summary>The headers by name and where each came from ("Authorization (from -Header)"); "none" when there are none.</summary>
        internal static string HeaderSources(IEnumerable<KeyValuePair<string, string?>> headers)
        {
            var parts = new List<string>();
            foreach (var h in headers) parts.Add(h.Key + (h.Value != null ? " (from " + h.Value + ")" : string.Empty));
            return parts.Count == 0 ? "none" : string.Join(", ", parts);
        }

        /// <summary>What -Verbose says of an export request besides its attempt: its size, compression and header names.</summary>
        internal static string ExportNote(long bytes, long? uncompressed, IReadOnlyCollection<string> headerNames) =>
            bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes"
            + (uncompressed.HasValue ? " gzip of " + uncompressed.Value.ToString("N0", CultureInfo.InvariantCulture) : string.Empty)
            + (headerNames.Count > 0 ? ", headers " + string.Join(", ", headerNames) : string.Empty);

        /// <summary>The receiver answered with an error status; <paramref name="detail"/> is what it said (redacted).</summary>
        internal static string ReceiverStatus(string receiver, int status, string? reason, string? detail) =>
            $"The OTLP receiver at {receiver} answered {status} {reason}{(string.IsNullOrWhiteSpace(detail) ? string.Empty : ": " + detail)}";

        /// <summary>The receiver did not answer within the timeout.</summary>
        internal static string ReceiverTimedOut(string receiver, TimeSpan timeout) =>
            $"The OTLP receiver at {receiver} did not answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.";

        /// <summary>The receiver could not be reached; <paramref name="through"/> names the proxy, if any.</summary>
        internal static string ReceiverUnreachable(string receiver, string through, string? cause) =>
            $"Could not send to the OTLP receiver at {receiver}{through}: {cause}";

        /// <summary>The receiver's answer could not be read.</summary>
        internal static string ReceiverAnswerUnreadable(string receiver, string? problem) =>
            $"The OTLP receiver at {receiver} answered with a body that could not be read: {problem}";
    }
}

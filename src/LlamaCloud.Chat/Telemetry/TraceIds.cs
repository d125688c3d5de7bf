using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// Trace and span ids derived from the session id, so exporting a session twice gives the same ids (backends
    /// de-duplicate) and different sessions do not collide: the leading bytes of SHA-256 over a labelled name.
    /// </summary>
    internal static class TraceIds
    {
        /// <summary>16 bytes (32 hex digits) for the session's trace.</summary>
        internal static string TraceId(string sessionId) => Hex(Hash("llama-cloud-chat trace\n" + sessionId), 16);

        /// <summary>8 bytes (16 hex digits) for turn <paramref name="turn"/> of the session.</summary>
        internal static string TurnSpanId(string sessionId, int turn) =>
            Hex(Hash("llama-cloud-chat turn\n" + sessionId + "\n" + turn.ToString(CultureInfo.InvariantCulture)), 8);

        /// <summary>8 bytes for tool call <paramref name="call"/> (0-based position) of turn <paramref name="turn"/>.</summary>
        internal static string ToolSpanId(string sessionId, int turn, int call) =>
            Hex(Hash("llama-cloud-chat tool\n" + sessionId + "\n" + turn.ToString(CultureInfo.InvariantCulture) + "\n" + call.ToString(CultureInfo.InvariantCulture)), 8);

        private static byte[] Hash(string text)
        {
            using var sha = SHA256.Create();
            return sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        }

        private static string Hex(byte[] hash, int length)
        {
            // An all-zero id is invalid in OTLP; vanishingly unlikely, but never emit one.
            var zero = true;
            for (var i = 0; i < length; i++) zero &= hash[i] == 0;
            if (zero) hash[length - 1] = 1;
            var sb = new StringBuilder(length * 2);
            for (var i = 0; i < length; i++) sb.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }
}

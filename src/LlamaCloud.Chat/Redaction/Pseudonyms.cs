using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// Stable pseudonyms: [LABEL:hex], the hex being the first 6 bytes of HMAC-SHA256(key, label + "\n" + the value's
    /// normalized form). The same value and key give the same pseudonym in every file and run; without the key a
    /// pseudonym cannot be traced back to its value or checked against a guess.
    /// </summary>
    internal sealed class Pseudonyms : IDisposable
    {
        // 48 bits: among a million distinct values of one kind, the chance that any two share a pseudonym is under 0.2%.
        internal const int HashBytes = 6;
        private const int CacheLimit = 65536;

        private readonly HMACSHA256 _hmac;
        private readonly object _gate = new object();
        private readonly Dictionary<string, (string Token, long Id)> _cache = new Dictionary<string, (string, long)>(StringComparer.Ordinal);

        /// <param name="key">The key's bytes; null for a random key of this run only.</param>
        internal Pseudonyms(byte[]? key)
        {
            IsRandomKey = key == null;
            if (key == null)
            {
                key = new byte[32];
                using (var random = RandomNumberGenerator.Create()) random.GetBytes(key);
            }
            _hmac = new HMACSHA256(key);
            Array.Clear(key, 0, key.Length);
        }

        /// <summary>True when no key was given: pseudonyms are stable within this run only.</summary>
        internal bool IsRandomKey { get; }

        /// <summary>The pseudonym of a value, and a number that identifies it (to count distinct values without keeping them).</summary>
        internal (string Token, long Id) For(string label, string normalized)
        {
            var input = label + "\n" + normalized;
            lock (_gate)
            {
                if (_cache.TryGetValue(input, out var known)) return known;
                var hash = _hmac.ComputeHash(Encoding.UTF8.GetBytes(input));
                var sb = new StringBuilder(label.Length + 3 + HashBytes * 2);
                sb.Append('[').Append(label).Append(':');
                long id = 0;
                for (var i = 0; i < HashBytes; i++)
                {
                    sb.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    id = (id << 8) | hash[i];
                }
                sb.Append(']');
                var result = (sb.ToString(), id);
                if (_cache.Count >= CacheLimit) _cache.Clear();
                _cache[input] = result;
                return result;
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _cache.Clear();
                _hmac.Dispose();
            }
        }
    }
}

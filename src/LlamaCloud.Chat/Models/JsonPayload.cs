using System.Text;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// A piece of arbitrary JSON (a tool's arguments or result) kept as its UTF-8 bytes and turned into
    /// PowerShell values or text only when first asked: filters and pipelines that never look inside pay nothing.
    /// The reader that made it knows how to convert it (<see cref="Convert"/>).
    /// </summary>
    internal abstract class JsonPayload
    {
        private readonly byte[] _utf8;
        private object? _value;
        private bool _converted;
        private string? _text;

        private protected JsonPayload(byte[] utf8)
        {
            _utf8 = utf8;
        }

        internal byte[] Utf8 => _utf8;

        /// <summary>The value as ConvertFrom-Json would give it: PSCustomObject, object[], long, double, string, bool or null.</summary>
        internal object? Value
        {
            get
            {
                if (!_converted)
                {
                    _value = Convert(_utf8);
                    _converted = true;
                }
                return _value;
            }
        }

        /// <summary>The JSON text exactly as received.</summary>
        internal string Text => _text ??= Encoding.UTF8.GetString(_utf8);

        /// <summary>The bytes as PowerShell values.</summary>
        private protected abstract object? Convert(byte[] utf8);

        public override string ToString() => Text;
    }
}

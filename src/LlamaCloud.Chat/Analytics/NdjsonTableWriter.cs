using System;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>Writes rows as NDJSON. Timestamps are ISO 8601 text in UTC with microseconds and a Z.</summary>
    internal sealed class NdjsonTableWriter : ITableFileWriter
    {
        // Files, not HTML: non-ASCII text stays readable instead of becoming \uXXXX.
        private static readonly JsonWriterOptions Options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };
        private const int Batch = 64 * 1024;
        private readonly Stream _stream;
        // Rows go into memory first: Utf8JsonWriter.Flush also flushes its stream, which for a file is a system call per row.
        private readonly MemoryStream _rows = new MemoryStream(Batch * 2);
        private readonly Utf8JsonWriter _json;
        private readonly JsonEncodedText[] _names;
        private int _column;

        internal NdjsonTableWriter(Stream stream, TableSchema schema)
        {
            _stream = stream;
            _json = new Utf8JsonWriter(_rows, Options);
            _names = new JsonEncodedText[schema.Columns.Count];
            for (var i = 0; i < _names.Length; i++) _names[i] = JsonEncodedText.Encode(schema.Columns[i].Name);
        }

        private JsonEncodedText Next()
        {
            if (_column == 0) _json.WriteStartObject();
            if (_column >= _names.Length) throw new InvalidOperationException(Messages.TooManyValues());
            return _names[_column++];
        }

        public void String(string? value)
        {
            var name = Next();
            if (value == null) _json.WriteNull(name);
            else _json.WriteString(name, value);
        }

        public void Int32(int? value)
        {
            var name = Next();
            if (value == null) _json.WriteNull(name);
            else _json.WriteNumber(name, value.Value);
        }

        public void Int64(long? value)
        {
            var name = Next();
            if (value == null) _json.WriteNull(name);
            else _json.WriteNumber(name, value.Value);
        }

        public void Double(double? value)
        {
            var name = Next();
            if (value == null || double.IsNaN(value.Value) || double.IsInfinity(value.Value)) _json.WriteNull(name);
            else _json.WriteNumber(name, value.Value);
        }

        public void Boolean(bool? value)
        {
            var name = Next();
            if (value == null) _json.WriteNull(name);
            else _json.WriteBoolean(name, value.Value);
        }

        public void Timestamp(DateTime? value)
        {
            var name = Next();
            if (value == null) _json.WriteNull(name);
            else _json.WriteString(name, TableText.Timestamp(value.Value));
        }

        public void EndRow()
        {
            if (_column != _names.Length) throw new InvalidOperationException(Messages.RowIncomplete(_column, _names.Length));
            _json.WriteEndObject();
            _json.Flush();
            _rows.WriteByte((byte)'\n');
            _json.Reset();
            _column = 0;
            if (_rows.Length >= Batch) Drain();
        }

        private void Drain()
        {
            _rows.WriteTo(_stream);
            _rows.SetLength(0);
        }

        public void Complete()
        {
            _json.Flush();
            Drain();
            _stream.Flush();
            if (_stream is FileStream f) f.Flush(true);
        }

        public void Dispose()
        {
            _json.Dispose();
            _rows.Dispose();
            _stream.Dispose();
        }
    }
}

using System.Collections.Generic;
using System.Text;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// JSON members whose name says their value is a phone number (phone, mobile, cell, fax, tel, telephone, msisdn,
    /// whatsapp, as a word of the name: "phone_number", "mobilePhone", "Tel"): a bare digit run there (a number or a
    /// string, 4155550111) is a phone, though in running text it would be an ordinary number.
    /// </summary>
    internal static class JsonKeyContext
    {
        private static readonly HashSet<string> PhoneWords = new HashSet<string>
        {
            "phone", "phones", "mobile", "cell", "cellphone", "fax", "tel", "telephone", "msisdn", "whatsapp",
            "phonenumber", "mobilenumber", "telefon", "telefono", "telephonenumber",
        };

        internal static bool IsPhoneKey(string? name)
        {
            if (string.IsNullOrEmpty(name)) return false;
            foreach (var word in Words(name!))
            {
                if (PhoneWords.Contains(word)) return true;
            }
            return false;
        }

        /// <summary>The name's words in lower case: split at anything not a letter or digit and where camelCase turns.</summary>
        private static IEnumerable<string> Words(string name)
        {
            var word = new StringBuilder();
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (!char.IsLetterOrDigit(c))
                {
                    if (word.Length > 0) yield return word.ToString();
                    word.Clear();
                    continue;
                }
                if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]) && word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
                word.Append(char.ToLowerInvariant(c));
            }
            if (word.Length > 0) yield return word.ToString();
        }
    }
}

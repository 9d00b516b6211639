using System.Text.Json;
using Xunit.Abstractions;

namespace F2.Tests.Protocol.Vectors;

/// <summary>
/// One line of a <c>*.jsonl</c> vector file. A subclass implements <see cref="IXunitSerializable"/> with
/// <see cref="Write"/> and <see cref="Read"/>, so that each vector is its own test case.
/// </summary>
public abstract class VectorLine
{
    private string _file = "";
    private int _line;
    private string _json = "";

    /// <summary>For the xunit deserializer.</summary>
    protected VectorLine()
    {
    }

    protected VectorLine(string file, int line, string json)
    {
        _file = file;
        _line = line;
        _json = json;
    }

    public string Name => TryParse(out JsonElement root) && root.TryGetProperty("name", out JsonElement name)
        ? name.GetString() ?? Where
        : $"{Where} (unreadable)";

    public string Where => $"{Path.GetFileName(_file)}:{_line}";

    protected JsonElement Root => TryParse(out JsonElement root)
        ? root
        : throw new InvalidDataException($"{Where} is not a JSON object.");

    /// <summary>Every non-blank line of <paramref name="files"/> as (file, line number, text).</summary>
    public static IEnumerable<(string File, int Line, string Json)> Lines(IEnumerable<string> files)
    {
        foreach (string file in files)
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (!string.IsNullOrWhiteSpace(lines[i]))
                {
                    yield return (file, i + 1, lines[i]);
                }
            }
        }
    }

    protected void Write(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.AddValue("file", _file);
        info.AddValue("line", _line);
        info.AddValue("json", _json);
    }

    protected void Read(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        _file = info.GetValue<string>("file");
        _line = info.GetValue<int>("line");
        _json = info.GetValue<string>("json");
    }

    public override string ToString() => Name;

    private bool TryParse(out JsonElement root)
    {
        try
        {
            root = JsonDocument.Parse(_json).RootElement;
            return root.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            root = default;
            return false;
        }
    }
}

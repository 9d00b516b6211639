using Xunit.Abstractions;

namespace F2.Tests.Protocol.Vectors;

/// <summary>One line of a <c>*.jsonl</c> vector file, serializable so that each vector is its own test case.</summary>
public class VectorLine : IXunitSerializable
{
    /// <summary>For the xunit deserializer.</summary>
    public VectorLine()
    {
    }

    public VectorLine(string file, int line, string json)
    {
        SourceFile = file;
        Line = line;
        Json = json;
    }

    protected string SourceFile { get; private set; } = "";

    protected int Line { get; private set; }

    protected string Json { get; private set; } = "";

    public string Where => $"{Path.GetFileName(SourceFile)}:{Line}";

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue("file", SourceFile);
        info.AddValue("line", Line);
        info.AddValue("json", Json);
    }

    public void Deserialize(IXunitSerializationInfo info)
    {
        SourceFile = info.GetValue<string>("file");
        Line = info.GetValue<int>("line");
        Json = info.GetValue<string>("json");
    }
}

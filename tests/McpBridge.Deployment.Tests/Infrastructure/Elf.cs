using System.Buffers.Binary;
using System.Text;

namespace McpBridge.Deployment.Tests.Infrastructure;

/// <summary>Reads the program interpreter (PT_INTERP) of a 64-bit little-endian ELF executable: which C library it needs.</summary>
internal static class Elf
{
    public static string Interpreter(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7F || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F' || bytes[4] != 2)
        {
            throw new InvalidDataException($"{path} is not a 64-bit ELF file.");
        }

        var headers = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x20));
        var size = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x36));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x38));
        for (var i = 0; i < count; i++)
        {
            var header = bytes.AsSpan(headers + (i * size));
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) == 3)
            {
                var offset = (int)BinaryPrimitives.ReadUInt64LittleEndian(header[0x08..]);
                var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..]);
                return Encoding.ASCII.GetString(bytes, offset, length).TrimEnd('\0');
            }
        }

        throw new InvalidDataException($"{path} has no program interpreter (statically linked?).");
    }
}

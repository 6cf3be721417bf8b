using System.Text;
using Fleetboot.Protocols.Tftp;

namespace Fleetboot.Protocols.Tests.Tftp;

public sealed class TftpCodecTests
{
    private static byte[] Bytes(params object[] parts)
    {
        var list = new List<byte>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case int opcode: list.Add((byte)(opcode >> 8)); list.Add((byte)opcode); break;
                case string text: list.AddRange(Encoding.ASCII.GetBytes(text)); list.Add(0); break;
                case byte[] raw: list.AddRange(raw); break;
            }
        }
        return [.. list];
    }

    [Fact]
    public void ReadRequest_RoundTrip_KeepsFilenameModeAndOptionsInOrder()
    {
        var request = new TftpRequest(TftpOpcode.ReadRequest, "pxelinux.cfg/01-aa-bb-cc-dd-ee-ff", "octet",
            [new TftpOption("blksize", "1468"), new TftpOption("tsize", "0"), new TftpOption("x-vendor", "yes")]);
        var buffer = new byte[512];
        int n = TftpCodec.WriteRequest(buffer, request);
        TftpCodec.TryReadRequest(buffer.AsSpan(0, n), out var read, out var error).ShouldBeTrue(error);
        read.Opcode.ShouldBe(TftpOpcode.ReadRequest);
        read.Filename.ShouldBe(request.Filename);
        read.Mode.ShouldBe("octet");
        read.Options.ShouldBe(request.Options);
    }

    [Fact]
    public void ReadRequest_UppercaseModeAndOptionNames_AreLowerCased()
    {
        TftpCodec.TryReadRequest(Bytes(1, "f", "OCTET", "BlkSize", "1024"), out var read, out _).ShouldBeTrue();
        read.Mode.ShouldBe("octet");
        read.GetOption("blksize").ShouldBe("1024");
        read.TryGetIntegerOption("BLKSIZE", out var value).ShouldBeTrue();
        value.ShouldBe(1024);
    }

    [Fact]
    public void ReadRequest_FilenamePaddedWithFfAndNuls_IsTrimmedAndModeFound()
    {
        var packet = Bytes(1, new byte[] { (byte)'a', (byte)'.', (byte)'b', 0xFF, 0xFF, 0, 0, 0 }, "octet");
        TftpCodec.TryReadRequest(packet, out var read, out var error).ShouldBeTrue(error);
        read.Filename.ShouldBe("a.b");
        read.Mode.ShouldBe("octet");
    }

    [Fact]
    public void ReadRequest_IncompleteTrailingOption_IsIgnored()
    {
        var packet = Bytes(1, "f", "octet", "tsize", "0", new byte[] { (byte)'b', (byte)'l', (byte)'k', 0, (byte)'5' });
        TftpCodec.TryReadRequest(packet, out var read, out _).ShouldBeTrue();
        read.Options.ShouldBe([new TftpOption("tsize", "0")]);
    }

    [Fact]
    public void ReadRequest_ManyOptions_KeepsAtMostTheLimit()
    {
        var parts = new List<object> { 1, "f", "octet" };
        for (int i = 0; i < 100; i++)
        {
            parts.Add($"o{i}");
            parts.Add("v");
        }
        TftpCodec.TryReadRequest(Bytes([.. parts]), out var read, out _).ShouldBeTrue();
        read.Options.Count.ShouldBe(TftpCodec.MaxOptions);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0, 1 })]
    [InlineData(new byte[] { 0, 1, (byte)'f' })]
    [InlineData(new byte[] { 0, 1, 0, (byte)'o', 0 })]
    [InlineData(new byte[] { 0, 1, (byte)'f', 0 })]
    [InlineData(new byte[] { 0, 1, (byte)'f', 0, (byte)'o', (byte)'c' })]
    [InlineData(new byte[] { 0, 3, 0, 1, 1, 2 })]
    [InlineData(new byte[] { 0, 9, (byte)'f', 0, (byte)'o', 0 })]
    [InlineData(new byte[] { 0xFF, 0xFF, (byte)'f', 0, (byte)'o', 0 })]
    public void TryReadRequest_TruncatedOrWrongOpcode_ReturnsFalseWithReason(byte[] packet)
    {
        TftpCodec.TryReadRequest(packet, out var request, out var error).ShouldBeFalse();
        request.ShouldBeNull();
        error.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void TryReadOpcode_UnknownValues_ReturnFalse()
    {
        TftpCodec.TryReadOpcode([0, 0], out _).ShouldBeFalse();
        TftpCodec.TryReadOpcode([0, 7], out _).ShouldBeFalse();
        TftpCodec.TryReadOpcode([1, 1], out _).ShouldBeFalse();
        TftpCodec.TryReadOpcode([0, 6], out var opcode).ShouldBeTrue();
        opcode.ShouldBe(TftpOpcode.OptionAck);
    }

    [Fact]
    public void Data_RoundTrip_HighBlockNumber()
    {
        var buffer = new byte[600];
        var payload = Enumerable.Range(0, 512).Select(i => (byte)i).ToArray();
        int n = TftpCodec.WriteData(buffer, 65535, payload);
        n.ShouldBe(516);
        TftpCodec.TryReadData(buffer.AsSpan(0, n), out var block, out var read, out _).ShouldBeTrue();
        block.ShouldBe((ushort)65535);
        read.ToArray().ShouldBe(payload);
    }

    [Fact]
    public void Data_EmptyPayload_IsValid()
    {
        var buffer = new byte[4];
        TftpCodec.WriteDataHeader(buffer, 0);
        TftpCodec.TryReadData(buffer, out var block, out var payload, out _).ShouldBeTrue();
        block.ShouldBe((ushort)0);
        payload.Length.ShouldBe(0);
    }

    [Fact]
    public void Ack_RoundTrip_AndTruncatedRejected()
    {
        var buffer = new byte[4];
        TftpCodec.WriteAck(buffer, 4242);
        TftpCodec.TryReadAck(buffer, out var block, out _).ShouldBeTrue();
        block.ShouldBe((ushort)4242);
        TftpCodec.TryReadAck(buffer.AsSpan(0, 3), out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull();
        TftpCodec.TryReadAck(Bytes(3, new byte[] { 0, 1 }), out _, out _).ShouldBeFalse(); // a DATA is not an ACK
    }

    [Fact]
    public void Error_RoundTrip_AndUnterminatedMessageAccepted()
    {
        var buffer = new byte[100];
        int n = TftpCodec.WriteError(buffer, TftpErrorCode.FileNotFound, "File not found");
        TftpCodec.TryReadError(buffer.AsSpan(0, n), out var packet, out _).ShouldBeTrue();
        packet.ShouldBe(new TftpErrorPacket(TftpErrorCode.FileNotFound, "File not found"));
        TftpCodec.TryReadError(buffer.AsSpan(0, n - 1), out var unterminated, out _).ShouldBeTrue();
        unterminated.Message.ShouldBe("File not found");
        TftpCodec.TryReadError(Bytes(5, new byte[] { 0, 99 }), out var unknown, out _).ShouldBeTrue();
        ((ushort)unknown.Code).ShouldBe((ushort)99);
    }

    [Fact]
    public void WriteError_MessageLongerThanBuffer_IsCutAndTerminated()
    {
        var buffer = new byte[10];
        int n = TftpCodec.WriteError(buffer, TftpErrorCode.NotDefined, "a very long message indeed");
        n.ShouldBe(10);
        buffer[9].ShouldBe((byte)0);
        TftpCodec.TryReadError(buffer, out var packet, out _).ShouldBeTrue();
        packet.Message.ShouldBe("a ver"); // 4-byte header + 5 characters + NUL
    }

    [Fact]
    public void OptionAck_RoundTrip()
    {
        var options = new[] { new TftpOption("blksize", "1468"), new TftpOption("tsize", "123"), new TftpOption("windowsize", "16") };
        var buffer = new byte[200];
        int n = TftpCodec.WriteOptionAck(buffer, options);
        TftpCodec.TryReadOptionAck(buffer.AsSpan(0, n), out var read, out _).ShouldBeTrue();
        read.ShouldBe(options);
    }

    [Theory]
    [InlineData(new byte[] { 0, 6, (byte)'b', 0 })]
    [InlineData(new byte[] { 0, 6, 0, (byte)'1', 0 })]
    [InlineData(new byte[] { 0, 6, (byte)'b', 0, (byte)'1' })]
    [InlineData(new byte[] { 0, 4, 0, 0 })]
    public void TryReadOptionAck_Malformed_ReturnsFalse(byte[] packet) =>
        TftpCodec.TryReadOptionAck(packet, out _, out _).ShouldBeFalse();

    [Fact]
    public void Readers_RandomBytes_NeverThrow()
    {
        var random = new Random(1234);
        var buffer = new byte[600];
        for (int i = 0; i < 20_000; i++)
        {
            int length = random.Next(0, buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            if (i % 3 == 0 && length >= 2) buffer[0] = 0; // bias towards valid opcodes
            var packet = buffer.AsSpan(0, length);
            TftpCodec.TryReadOpcode(packet, out _);
            TftpCodec.TryReadRequest(packet, out _, out _);
            TftpCodec.TryReadAck(packet, out _, out _);
            TftpCodec.TryReadData(packet, out _, out _, out _);
            TftpCodec.TryReadError(packet, out _, out _);
            TftpCodec.TryReadOptionAck(packet, out _, out _);
        }
    }

    [Fact]
    public void TryGetIntegerOption_AbsurdValues_ReturnFalse()
    {
        var request = new TftpRequest(TftpOpcode.ReadRequest, "f", "octet",
            [new TftpOption("a", "-1"), new TftpOption("b", "1e3"), new TftpOption("c", "99999999999999999999"), new TftpOption("d", " 5"), new TftpOption("e", "")]);
        foreach (var name in new[] { "a", "b", "c", "d", "e", "missing" }) request.TryGetIntegerOption(name, out _).ShouldBeFalse(name);
    }
}

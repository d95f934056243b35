#!/usr/bin/env escript
%% -*- erlang -*-
%%
%% Times erlang:decode_packet/3 on the same streams as the Swift benchmarks (same ids, same
%% bytes: `streams` prints each stream's CRC-32, compare with `bench-probe streams`).
%%
%%   escript bench.escript [run] [ID_PREFIX...]   time every workload (or those whose id starts
%%                                                with one of the prefixes)
%%   escript bench.escript streams                id, feed, units, bytes, CRC-32 of every stream
%%
%% For each workload, best of 5 rounds of:
%%   erlang whole  decode_packet in a loop over the whole stream (each call on the previous Rest)
%%   erlang 64K    the stream arriving in 64 KiB chunks: append, then decode until {more, _}
%%   erlang drip   the smaller stream arriving one byte at a time, the same way
%% HTTP runs Erlang's own loop: http_bin for the start line, httph_bin until http_eoh.
%% Output lines: ID · IMPLEMENTATION · UNITS pkts|msgs · BYTES B · SECONDS
-mode(compile).

-define(ROUNDS, 5).
-define(BIG_CHUNK, 65536).

main(["streams"]) ->
    lists:foreach(
        fun({Id, _Type, _Opts, Big, BigUnits, Drip, DripUnits}) ->
            io:format("~s 64K ~b ~b ~.16b~n", [Id, BigUnits, byte_size(Big), erlang:crc32(Big)]),
            io:format("~s drip ~b ~b ~.16b~n", [Id, DripUnits, byte_size(Drip), erlang:crc32(Drip)])
        end,
        workloads()
    ),
    halt(0);
main(["run" | Prefixes]) ->
    run(Prefixes);
main(Prefixes) ->
    run(Prefixes).

run(Prefixes) ->
    io:setopts(standard_io, [{encoding, unicode}]),
    io:format("# Erlang/OTP ~s, erts ~s, decode_packet, best of ~b rounds~n",
              [erlang:system_info(otp_release), erlang:system_info(version), ?ROUNDS]),
    Selected = [W || W = {Id, _, _, _, _, _, _} <- workloads(), selected(Id, Prefixes)],
    lists:foreach(fun time_workload/1, Selected),
    halt(0).

selected(_Id, []) -> true;
selected(Id, Prefixes) -> lists:any(fun(P) -> lists:prefix(P, Id) end, Prefixes).

time_workload({Id, Type, Opts, Big, BigUnits, Drip, DripUnits}) ->
    report(Id, "erlang whole", Type, BigUnits, Big, fun() -> whole(Type, Opts, Big) end),
    report(Id, "erlang 64K", Type, BigUnits, Big, fun() -> chunked(Type, Opts, Big, ?BIG_CHUNK) end),
    report(Id, "erlang drip", Type, DripUnits, Drip, fun() -> chunked(Type, Opts, Drip, 1) end).

report(Id, Name, Type, Units, Stream, Fun) ->
    Got = Fun(),
    Got =:= Units orelse error({wrong_count, Id, Name, Got, Units}),
    Seconds = best(Fun, ?ROUNDS, infinity),
    Noun = case is_http(Type) of true -> "msgs"; false -> "pkts" end,
    io:format("~ts · ~ts · ~b ~ts · ~b B · ~.9f~n", [Id, Name, Units, Noun, byte_size(Stream), Seconds]).

best(_Fun, 0, Best) -> Best;
best(Fun, N, Best) ->
    garbage_collect(),
    T0 = erlang:monotonic_time(nanosecond),
    _ = Fun(),
    T1 = erlang:monotonic_time(nanosecond),
    best(Fun, N - 1, min(Best, (T1 - T0) / 1.0e9)).

is_http(http_bin) -> true;
is_http(_) -> false.

%% MARK: - Loops

%% The whole stream at once: decode_packet on each Rest until it asks for more.
whole(http_bin, _Opts, Bin) -> http_loop(Bin, start, 0);
whole(Type, Opts, Bin) -> whole_loop(Type, Opts, Bin, 0).

whole_loop(Type, Opts, Bin, N) ->
    case erlang:decode_packet(Type, Bin, Opts) of
        {ok, _Packet, Rest} -> whole_loop(Type, Opts, Rest, N + 1);
        _ -> N
    end.

http_loop(Bin, State, N) ->
    {Result, State1, N1} = http_step(Bin, State, N),
    case Result of
        {ok, Rest} -> http_loop(Rest, State1, N1);
        more -> N1
    end.

%% One HTTP packet: Erlang's loop switches to httph_bin after a start line and back after
%% http_eoh, as an {active, false} socket with {packet, http_bin} does.
http_step(Bin, State, N) ->
    Type = case State of start -> http_bin; headers -> httph_bin end,
    case erlang:decode_packet(Type, Bin, []) of
        {ok, {http_request, _, _, _}, Rest} -> {{ok, Rest}, headers, N};
        {ok, {http_response, _, _, _}, Rest} -> {{ok, Rest}, headers, N};
        {ok, http_eoh, Rest} -> {{ok, Rest}, start, N + 1};
        {ok, _Header, Rest} -> {{ok, Rest}, State, N};
        {more, _} -> {more, State, N};
        Other -> error({unexpected, Other})
    end.

%% The stream arriving `Chunk` bytes at a time: each chunk appended to what is buffered, then
%% decode_packet until it asks for more (it rescans a partial packet on every call).
chunked(Type, Opts, Stream, Chunk) -> chunk_loop(Type, Opts, Stream, Chunk, <<>>, start, 0).

chunk_loop(_Type, _Opts, <<>>, _Chunk, _Buffer, _State, N) -> N;
chunk_loop(Type, Opts, Stream, Chunk, Buffer, State, N) ->
    {Piece, More} =
        case Stream of
            <<P:Chunk/binary, M/binary>> -> {P, M};
            _ -> {Stream, <<>>}
        end,
    {Buffer1, State1, N1} = drain(Type, Opts, <<Buffer/binary, Piece/binary>>, State, N),
    chunk_loop(Type, Opts, More, Chunk, Buffer1, State1, N1).

drain(http_bin, Opts, Buffer, State, N) ->
    case http_step(Buffer, State, N) of
        {{ok, Rest}, State1, N1} -> drain(http_bin, Opts, Rest, State1, N1);
        {more, State1, N1} -> {Buffer, State1, N1}
    end;
drain(Type, Opts, Buffer, State, N) ->
    case erlang:decode_packet(Type, Buffer, Opts) of
        {ok, _Packet, Rest} -> drain(Type, Opts, Rest, State, N + 1);
        {more, _} -> {Buffer, State, N};
        Other -> error({unexpected, Type, Other})
    end.

%% MARK: - Streams (as Benchmarks/Workloads/Stream.swift and Catalog.swift build them)

workloads() ->
    Framed = [{len1, 1, 16}, {len1, 1, 64}, {len2, 2, 16}, {len2, 2, 64}, {len2, 2, 4096},
              {len4, 4, 16}, {len4, 4, 64}, {len4, 4, 4096}, {len4, 4, 1048576}],
    Records = [{Name, Name, Size} || Name <- [sunrm, asn1, tpkt, fcgi, cdr], Size <- [64, 4096]],
    [framed(Name, Type, Size) || {Name, Type, Size} <- Framed]
        ++ [lines(64, false), lines(4096, false), lines(64, true), lines(4096, true)]
        ++ [framed(Name, Type, Size) || {Name, Type, Size} <- Records]
        ++ [http("http-req", request(), 4096, 256),
            http("http-resp", response(), 4096, 256),
            http("http-cookie", cookie_request(), 512, 32)].

counts(Size) when Size =< 16 -> {65536, 2048};
counts(Size) when Size =< 64 -> {16384, 1024};
counts(Size) when Size =< 4096 -> {256, 16};
counts(_) -> {4, 1}.

size_name(1048576) -> "1m";
size_name(4096) -> "4k";
size_name(N) -> integer_to_list(N).

framed(Name, Type, Size) ->
    {BigN, DripN} = counts(Size),
    Packet = packet(Type, body(Size)),
    Id = atom_to_list(Name) ++ "-" ++ size_name(Size),
    {Id, Type, [], binary:copy(Packet, BigN), BigN, binary:copy(Packet, DripN), DripN}.

lines(Length, Truncated) ->
    {BigN, DripN} = counts(Length),
    Line = <<(body(Length - 1))/binary, $\n>>,
    Id = "line-" ++ size_name(Length) ++ case Truncated of true -> "-trunc"; false -> "" end,
    {Opts, Pieces} = case Truncated of
                         true -> {[{line_length, Length div 2}], 2};
                         false -> {[], 1}
                     end,
    {Id, line, Opts, binary:copy(Line, BigN), BigN * Pieces, binary:copy(Line, DripN), DripN * Pieces}.

http(Id, Message, BigN, DripN) ->
    {Id, http_bin, [], binary:copy(Message, BigN), BigN, binary:copy(Message, DripN), DripN}.

body(N) -> << <<($a + (I rem 26))>> || I <- lists:seq(0, N - 1) >>.

packet(1, B) -> <<(byte_size(B)):8, B/binary>>;
packet(2, B) -> <<(byte_size(B)):16, B/binary>>;
packet(4, B) -> <<(byte_size(B)):32, B/binary>>;
packet(sunrm, B) -> <<(16#80000000 bor byte_size(B)):32, B/binary>>;
packet(asn1, B) when byte_size(B) < 128 -> <<4, (byte_size(B)), B/binary>>;
packet(asn1, B) -> <<4, 16#82, (byte_size(B)):16, B/binary>>;
packet(tpkt, B) -> <<3, 0, (4 + byte_size(B)):16, B/binary>>;
packet(fcgi, B) ->
    N = byte_size(B),
    P = (8 - N rem 8) rem 8,
    <<1, 5, 0, 1, N:16, P, 0, B/binary, 0:(P * 8)>>;
packet(cdr, B) -> <<"GIOP", 1, 0, 0, 0, (byte_size(B)):32, B/binary>>.

head(Lines) -> iolist_to_binary([lists:join("\r\n", Lines), "\r\n\r\n"]).

request() ->
    head(["GET /index.html?q=1 HTTP/1.1", "Host: www.example.com",
          "User-Agent: Mozilla/5.0 (X11; Linux x86_64)", "Accept: text/html,application/xml",
          "Accept-Language: en-US,en;q=0.5", "Accept-Encoding: gzip, deflate",
          "Connection: keep-alive", "Cookie: session=abc123"]).

response() ->
    head(["HTTP/1.1 200 OK", "Date: Tue, 25 Nov 2025 14:00:00 GMT", "Server: Apache/2.4.57 (Debian)",
          "Last-Modified: Mon, 24 Nov 2025 10:00:00 GMT", "ETag: \"3f80f-1b6-3e1cb03b\"",
          "Accept-Ranges: bytes", "Content-Length: 0", "Cache-Control: max-age=3600",
          "Content-Type: text/html; charset=UTF-8", "Vary: Accept-Encoding", "Connection: keep-alive"]).

cookie_request() ->
    head(["GET /index.html?q=1 HTTP/1.1", "Host: www.example.com",
          "User-Agent: Mozilla/5.0 (X11; Linux x86_64)", "Accept: text/html,application/xml",
          "Accept-Language: en-US,en;q=0.5", "Accept-Encoding: gzip, deflate",
          "Connection: keep-alive", binary_to_list(<<"Cookie: session=", (body(2048 - 8))/binary>>)]).

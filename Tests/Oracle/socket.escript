#!/usr/bin/env escript
%% -*- erlang -*-
%%
%% Socket oracle: the reference implementation, on the real gen_tcp of
%% Erlang/OTP 25, of the `packetcat connect` / `packetcat listen`
%% `--format erlang` contract (issue 12), plus a `peer` mode that feeds a
%% byte stream in chosen chunks, for differential tests.
%%
%% Usage:
%%   escript socket.escript connect HOST PORT [FLAGS]
%%   escript socket.escript listen PORT [FLAGS]
%%   escript socket.escript peer connect HOST PORT [PEER FLAGS]
%%   escript socket.escript peer listen PORT [PEER FLAGS]
%%
%% FLAGS (connect / listen):
%%   --type T            raw 0 1 2 4 asn1 cdr sunrm fcgi tpkt line http
%%                       http_bin httph httph_bin          (default raw)
%%   --packet-size N     {packet_size,N}
%%   --line-delimiter N  {line_delimiter,N}
%%   --active A          false | true | once | N (N >= 1)  (default false)
%%   --buffer N / --recbuf N / --sndbuf N
%%   --send FILE         after connect/accept, ONE gen_tcp:send of the file's
%%                       bytes on the framed socket (so length types 1/2/4
%%                       get one header for the whole file; every other
%%                       type sends the bytes as they are)
%%   --count N           listen only: accept N connections one after another
%%                       (default 1); their outputs follow each other
%%   --stats             passive and once modes: each line is followed by
%%                       one space and ~w of inet:getstat(S), taken right
%%                       after that recv returned / that message was
%%                       received (before `once` is re-armed).  Ignored in
%%                       true and N modes.
%%   --format erlang     the only format implemented here (default);
%%                       `text` is packetcat's own and is refused (exit 2)
%%   --timeout-ms MS     bound of every wait: connect, accept, each recv,
%%                       each receive (default 5000)
%%   --ip6               listen only: bind ::1 instead of 127.0.0.1
%%
%% Output (stdout), one term per line, ~w:
%%   passive: each result of gen_tcp:recv(S, 0, Timeout) up to and including
%%     the first {error,_}.  (A recv that times out prints {error,timeout}:
%%     the contract never produces it; it means a hang, and exit is 3.)
%%   active: each message the controlling process gets, the socket written
%%     as the atom `socket`: {tcp,socket,Data} / {http,socket,HttpPacket},
%%     {tcp_passive,socket}, {tcp_error,socket,Reason}, {tcp_closed,socket};
%%     `once` is re-armed after every data message, N re-armed with the same
%%     N after every {tcp_passive,socket}; ends at {tcp_closed,socket}.  If no
%%     message arrives within the timeout, nothing more is printed, a note
%%     goes to stderr and exit is 3.
%%
%% How a harness learns the port (listen and peer listen): the FIRST line on
%% stderr is always `listening PORT` (decimal), written once the listen
%% socket exists and before the first accept; PORT 0 lets the kernel pick.
%% The listen socket is bound to 127.0.0.1 unless --ip6 is given (then ::1).
%%
%% Options go in before any data can arrive:
%%   connect: gen_tcp:connect(Host, Port, [binary, {packet,T}, {active,A}]
%%            ++ [{packet_size,N}] ++ [{line_delimiter,N}]
%%            ++ [{recbuf,N}, {sndbuf,N}, {buffer,N}]   (only those given,
%%            in that order, so an explicit --buffer wins over the
%%            buffer-follows-recbuf rule)
%%   listen:  gen_tcp:listen(Port, [binary, {active,false}, {reuseaddr,true},
%%            {ip,Loopback}] ++ [{recbuf,N}, {sndbuf,N}, {buffer,N}]) (the
%%            accepted socket inherits these), then on each accepted socket
%%            inet:setopts(A, [{packet,T}] ++ [{packet_size,N}] ++
%%            [{line_delimiter,N}] ++ [{active,A}]).  (gen_tcp:listen in
%%            OTP 25 refuses line_delimiter; a passive accepted socket reads
%%            nothing before the setopts, so no byte is framed early.)
%%
%% PEER FLAGS (raw binary socket, {nodelay,true}, {active,true}):
%%   --stream FILE       the bytes to send (default: none)
%%   --chunks N1,N2,...  chunk sizes (each >= 1); when the list runs out
%%                       the last size repeats; default: the whole stream
%%                       in one send
%%   --delay-ms D        sleep D ms after each chunk (default 0)
%%   --then close|shutdown_write|reset|wait   how to end (default close):
%%       close          gen_tcp:close right after the last chunk
%%       shutdown_write gen_tcp:shutdown(S, write), then wait for the other
%%                      side's close (bounded), then close
%%       reset          inet:setopts(S, [{linger,{true,0}}]), close (RST)
%%       wait           wait for the other side's close (bounded), then close
%%                      (against a receiver that also waits, e.g. one that
%%                      only did --send, both sit until --timeout-ms: the
%%                      receiver prints {error,timeout} and exits 3)
%%   --print             print ONE line at the end: ~w of all the bytes
%%                       received, as a binary
%%   --count N           peer listen: serve N connections one after another
%%   --timeout-ms MS     as above
%%   --ip6               (peer) listen on ::1 instead of 127.0.0.1
%%
%% Exit status: 0 done; 1 connect/listen/accept/setopts failure (reason on
%% stderr); 2 usage error (usage on stderr); 3 a wait timed out.  A peer
%% whose send fails (the other side closed on purpose, e.g. after emsgsize)
%% stops sending, notes it on stderr, ends as told and still exits 0.
%%
%% escript prints compiler warnings on stdout; keep this file warning-free.

%% Interpreted (no -mode(compile)): starts in about 0.4 s here instead of
%% 0.7 s, and the per-message work is in compiled OTP code anyway.

-record(o, {type = raw, packet_size, line_delimiter, active = false,
            buffer, recbuf, sndbuf, send, count = 1, stats = false,
            timeout = 5000, ip6 = false,
            %% peer only
            stream = <<>>, chunks = [], delay = 0, then = close,
            print = false}).

main(["peer", "connect", Host, Port | Flags]) ->
    O = flags(Flags, peer, #o{}),
    peer_connect(host(Host), port(Port), O);
main(["peer", "listen", Port | Flags]) ->
    O = flags(Flags, peer, #o{}),
    peer_listen(port(Port), O);
main(["connect", Host, Port | Flags]) ->
    O = flags(Flags, connect, #o{}),
    run_connect(host(Host), port(Port), O);
main(["listen", Port | Flags]) ->
    O = flags(Flags, listen, #o{}),
    run_listen(port(Port), O);
main(_) ->
    usage("bad command").

usage(Why) ->
    io:put_chars(standard_error,
      ["socket.escript: ", Why, "\n"
       "usage: socket.escript connect HOST PORT [flags]\n"
       "       socket.escript listen PORT [flags]\n"
       "       socket.escript peer connect HOST PORT [peer flags]\n"
       "       socket.escript peer listen PORT [peer flags]\n"
       "flags: --type T --packet-size N --line-delimiter N "
       "--active false|true|once|N\n"
       "       --buffer N --recbuf N --sndbuf N --send FILE --count N "
       "--stats\n"
       "       --format erlang --timeout-ms MS --ip6 (listen)\n"
       "peer flags: --stream FILE --chunks N1,N2,... --delay-ms D\n"
       "       --then close|shutdown_write|reset|wait --print --count N "
       "--timeout-ms MS --ip6\n"]),
    erlang:halt(2).

fail(What, Reason) ->
    io:format(standard_error, "socket.escript: ~s: ~w~n", [What, Reason]),
    erlang:halt(1).

timed_out(What) ->
    io:format(standard_error, "socket.escript: timeout: ~s~n", [What]),
    erlang:halt(3).

%% ---------------------------------------------------------------------------
%% Argument parsing

host(H) ->
    case inet:parse_address(H) of
        {ok, IP} -> IP;
        {error, _} -> H
    end.

port(P) ->
    case int(P) of
        {ok, N} when N >= 0, N =< 65535 -> N;
        _ -> usage("bad port: " ++ P)
    end.

int(S) ->
    try list_to_integer(S) of N -> {ok, N}
    catch error:badarg -> error
    end.

nat(Flag, S, Min) ->
    case int(S) of
        {ok, N} when N >= Min -> N;
        _ -> usage("bad value for " ++ Flag ++ ": " ++ S)
    end.

anyint(Flag, S) ->
    case int(S) of
        {ok, N} -> N;
        _ -> usage("bad value for " ++ Flag ++ ": " ++ S)
    end.

flags([], _Mode, O) -> O;
flags(["--timeout-ms", V | T], M, O) ->
    flags(T, M, O#o{timeout = nat("--timeout-ms", V, 1)});
flags(["--count", V | T], M, O) when M =/= connect ->
    flags(T, M, O#o{count = nat("--count", V, 1)});
flags(["--ip6" | T], M, O) when M =/= connect ->
    flags(T, M, O#o{ip6 = true});
flags([F, V | T], peer, O) ->
    case F of
        "--stream" -> flags(T, peer, O#o{stream = readfile(V)});
        "--chunks" -> flags(T, peer, O#o{chunks = chunks(V)});
        "--delay-ms" -> flags(T, peer, O#o{delay = nat(F, V, 0)});
        "--then" -> flags(T, peer, O#o{then = then(V)});
        _ -> flags1([F, V | T], peer, O)
    end;
flags(["--stats" | T], M, O) when M =/= peer ->
    flags(T, M, O#o{stats = true});
flags([F, V | T], M, O) when M =/= peer ->
    case F of
        "--type" -> flags(T, M, O#o{type = type(V)});
        "--packet-size" -> flags(T, M, O#o{packet_size = anyint(F, V)});
        "--line-delimiter" ->
            flags(T, M, O#o{line_delimiter = anyint(F, V)});
        "--active" -> flags(T, M, O#o{active = active(V)});
        "--buffer" -> flags(T, M, O#o{buffer = anyint(F, V)});
        "--recbuf" -> flags(T, M, O#o{recbuf = anyint(F, V)});
        "--sndbuf" -> flags(T, M, O#o{sndbuf = anyint(F, V)});
        "--send" -> flags(T, M, O#o{send = readfile(V)});
        "--format" when V =:= "erlang" -> flags(T, M, O);
        "--format" -> usage("only --format erlang is implemented here");
        _ -> flags1([F, V | T], M, O)
    end;
flags(L, M, O) -> flags1(L, M, O).

flags1(["--print" | T], peer, O) -> flags(T, peer, O#o{print = true});
flags1([F | _], _, _) -> usage("bad flag or missing value: " ++ F).

type("raw") -> raw;
type("0") -> 0;
type("1") -> 1;
type("2") -> 2;
type("4") -> 4;
type(T) ->
    case lists:member(T, ["asn1", "cdr", "sunrm", "fcgi", "tpkt", "line",
                          "http", "http_bin", "httph", "httph_bin"]) of
        true -> list_to_atom(T);
        false -> usage("bad --type: " ++ T)
    end.

active("false") -> false;
active("true") -> true;
active("once") -> once;
active(S) ->
    case int(S) of
        %% Erlang accepts -32768..32767, but re-arming with N =< 0 would
        %% never end; the contract's N is positive.
        {ok, N} when N >= 1, N =< 32767 -> N;
        _ -> usage("bad --active: " ++ S)
    end.

then("close") -> close;
then("shutdown_write") -> shutdown_write;
then("reset") -> reset;
then("wait") -> wait;
then(S) -> usage("bad --then: " ++ S).

chunks(S) ->
    [nat("--chunks", C, 1) || C <- string:split(S, ",", all)].

readfile(F) ->
    case file:read_file(F) of
        {ok, B} -> B;
        {error, R} -> fail("cannot read " ++ F, R)
    end.

%% ---------------------------------------------------------------------------
%% connect / listen

opt(_K, undefined) -> [];
opt(K, V) -> [{K, V}].

buf_opts(O) ->
    opt(recbuf, O#o.recbuf) ++ opt(sndbuf, O#o.sndbuf)
        ++ opt(buffer, O#o.buffer).

pkt_opts(O) ->
    [{packet, O#o.type}] ++ opt(packet_size, O#o.packet_size)
        ++ opt(line_delimiter, O#o.line_delimiter).

run_connect(Host, Port, O) ->
    Opts = [binary, {active, O#o.active}] ++ pkt_opts(O) ++ buf_opts(O),
    S = try gen_tcp:connect(Host, Port, Opts, O#o.timeout) of
            {ok, S0} -> S0;
            {error, timeout} -> timed_out("connect");
            {error, R} -> fail("connect", R)
        catch C:E -> fail("connect", {C, E})
        end,
    session(S, O),
    erlang:halt(0).

listen_ip(#o{ip6 = false}) -> [{ip, {127, 0, 0, 1}}];
listen_ip(#o{ip6 = true}) -> [inet6, {ip, {0, 0, 0, 0, 0, 0, 0, 1}}].

listen(Port, Extra, O) ->
    Opts = [binary, {active, false}, {reuseaddr, true}] ++ listen_ip(O)
        ++ Extra,
    L = try gen_tcp:listen(Port, Opts) of
            {ok, L0} -> L0;
            {error, R} -> fail("listen", R)
        catch C:E -> fail("listen", {C, E})
        end,
    {ok, P} = inet:port(L),
    io:format(standard_error, "listening ~w~n", [P]),
    L.

accept(L, O) ->
    case gen_tcp:accept(L, O#o.timeout) of
        {ok, A} -> A;
        {error, timeout} -> timed_out("accept");
        {error, R} -> fail("accept", R)
    end.

run_listen(Port, O) ->
    L = listen(Port, buf_opts(O), O),
    lists:foreach(
      fun(_) ->
              A = accept(L, O),
              Opts = pkt_opts(O) ++ [{active, O#o.active}],
              case catch inet:setopts(A, Opts) of
                  ok -> ok;
                  Err -> fail("setopts", Err)
              end,
              session(A, O)
      end, lists:seq(1, O#o.count)),
    erlang:halt(0).

session(S, O) ->
    case O#o.send of
        undefined -> ok;
        Bytes ->
            case gen_tcp:send(S, Bytes) of
                ok -> ok;
                {error, R} -> fail("send", R)
            end
    end,
    case O#o.active of
        false -> passive(S, O);
        A -> active(S, A, O)
    end,
    gen_tcp:close(S).

out(Term, S, #o{stats = true}) ->
    Stat = inet:getstat(S),
    put_line(io_lib:format("~w ~w", [Term, Stat]));
out(Term, _S, _O) ->
    put_line(io_lib:format("~w", [Term])).

put_line(IoList) ->
    io:put_chars(standard_io, [IoList, $\n]).

passive(S, O) ->
    R = gen_tcp:recv(S, 0, O#o.timeout),
    out(R, S, O),
    case R of
        {ok, _} -> passive(S, O);
        {error, timeout} -> timed_out("recv");
        {error, _} -> ok
    end.

active(S, A, O) ->
    %% Statistics only in `once` mode (and passive): in true / N modes the
    %% driver keeps reading behind our back, so the numbers would race.
    OutO = case A of once -> O; _ -> O#o{stats = false} end,
    receive
        {tcp, S, Data} ->
            out({tcp, socket, Data}, S, OutO),
            rearm_once(S, A),
            active(S, A, O);
        {http, S, Packet} ->
            out({http, socket, Packet}, S, OutO),
            rearm_once(S, A),
            active(S, A, O);
        {tcp_passive, S} ->
            out({tcp_passive, socket}, S, OutO),
            case A of
                N when is_integer(N) -> ok = inet:setopts(S, [{active, N}]);
                _ -> ok
            end,
            active(S, A, O);
        {tcp_error, S, Reason} ->
            out({tcp_error, socket, Reason}, S, OutO),
            active(S, A, O);
        {tcp_closed, S} ->
            out({tcp_closed, socket}, S, OutO)
    after O#o.timeout ->
            timed_out("no message")
    end.

rearm_once(S, once) -> inet:setopts(S, [{active, once}]);
rearm_once(_, _) -> ok.

%% ---------------------------------------------------------------------------
%% peer

peer_opts() ->
    [binary, {packet, raw}, {active, true}, {nodelay, true}].

peer_connect(Host, Port, O) ->
    S = case gen_tcp:connect(Host, Port, peer_opts(), O#o.timeout) of
            {ok, S0} -> S0;
            {error, timeout} -> timed_out("connect");
            {error, R} -> fail("connect", R)
        end,
    peer_session(S, O),
    erlang:halt(0).

peer_listen(Port, O) ->
    L = listen(Port, [], O),
    lists:foreach(
      fun(_) ->
              A = accept(L, O),
              ok = inet:setopts(A, [{active, true}, {nodelay, true}]),
              peer_session(A, O)
      end, lists:seq(1, O#o.count)),
    erlang:halt(0).

peer_session(S, O) ->
    Acc0 = send_chunks(S, O#o.stream, O#o.chunks, O, []),
    Acc = case O#o.then of
              close ->
                  Acc1 = drain(S, 0, Acc0),
                  gen_tcp:close(S),
                  Acc1;
              reset ->
                  Acc1 = drain(S, 0, Acc0),
                  ok = inet:setopts(S, [{linger, {true, 0}}]),
                  gen_tcp:close(S),
                  Acc1;
              shutdown_write ->
                  _ = gen_tcp:shutdown(S, write),
                  Acc1 = until_closed(S, O, Acc0),
                  gen_tcp:close(S),
                  Acc1;
              wait ->
                  Acc1 = until_closed(S, O, Acc0),
                  gen_tcp:close(S),
                  Acc1
          end,
    case O#o.print of
        true -> put_line(io_lib:format("~w",
                                        [iolist_to_binary(lists:reverse(Acc))]));
        false -> ok
    end.

send_chunks(_S, <<>>, _Sizes, _O, Acc) -> Acc;
send_chunks(S, Bytes, Sizes, O, Acc) ->
    {Size, Rest} = case Sizes of
                       [] -> {byte_size(Bytes), []};
                       [N] -> {N, [N]};
                       [N | More] -> {N, More}
                   end,
    K = min(Size, byte_size(Bytes)),
    <<Chunk:K/binary, Tail/binary>> = Bytes,
    case gen_tcp:send(S, Chunk) of
        ok ->
            case O#o.delay of
                0 -> ok;
                D -> timer:sleep(D)
            end,
            send_chunks(S, Tail, Rest, O, drain(S, 0, Acc));
        {error, R} ->
            %% The other side may close on purpose (e.g. after emsgsize):
            %% stop sending, note it, and end as asked.
            io:format(standard_error,
                      "socket.escript: peer send: ~w (stopped sending)~n",
                      [R]),
            Acc
    end.

%% Collect what has already arrived, waiting at most Wait ms for the first.
drain(S, Wait, Acc) ->
    receive
        {tcp, S, Data} -> drain(S, 0, [Data | Acc])
    after Wait -> Acc
    end.

until_closed(S, O, Acc) ->
    receive
        {tcp, S, Data} -> until_closed(S, O, [Data | Acc]);
        {tcp_closed, S} -> Acc;
        {tcp_error, S, _} -> until_closed(S, O, Acc)
    after O#o.timeout ->
            timed_out("peer waiting for the other side's close")
    end.

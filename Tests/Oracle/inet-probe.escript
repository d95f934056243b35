#!/usr/bin/env escript
%% -*- erlang -*-
%%
%% The probes behind Tests/Oracle/INET-OPTIONS.md: each section prints what
%% Erlang/OTP answers on real sockets on 127.0.0.1 / ::1 of this machine.
%%
%% Usage:  escript Tests/Oracle/inet-probe.escript [SECTION...]
%%   SECTION: defaults inherit bufrule validation watermarks priotos
%%            activen badopts close reset getstat rawbuffer udp v6
%%   (none = all).  Every wait is bounded (at most 1 s each); it takes a few
%%   seconds.  Only loopback addresses are used.

-mode(compile).

-define(ALL, [active, broadcast, buffer, delay_send, deliver, dontroute,
              exit_on_close, header, high_msgq_watermark, high_watermark,
              ipv6_v6only, keepalive, linger, low_msgq_watermark,
              low_watermark, mode, netns, nodelay, packet, packet_size,
              line_delimiter, priority, raw, read_packets, recbuf, reuseaddr,
              send_timeout, send_timeout_close, show_econnreset, sndbuf, tos,
              tclass]).

main(Args) ->
    Sections = [defaults, inherit, bufrule, validation, watermarks, priotos,
                activen, badopts, close, reset, getstat, rawbuffer, udp, v6],
    Want = case Args of
               [] -> Sections;
               _ -> [list_to_atom(A) || A <- Args]
           end,
    [begin
         io:format("== ~w~n", [S]),
         section(S)
     end || S <- Want, lists:member(S, Sections)],
    halt(0).

%% A connected pair through a listen socket opened with LOpts; the listen
%% socket is closed again.
pair(LOpts, COpts) ->
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {reuseaddr, true},
                                 {ip, {127, 0, 0, 1}} | LOpts]),
    {ok, P} = inet:port(L),
    {ok, C} = gen_tcp:connect({127, 0, 0, 1}, P, [binary | COpts], 1000),
    {ok, A} = gen_tcp:accept(L, 1000),
    gen_tcp:close(L),
    {C, A}.

flush() ->
    receive M -> [M | flush()] after 200 -> [] end.

%% Messages of socket C with the port shown as `c`.
msgs(C) ->
    [setelement(2, M, c) || M <- flush(), element(2, M) =:= C].

recvall(S) ->
    R = gen_tcp:recv(S, 0, 1000),
    case R of {ok, _} -> [R | recvall(S)]; _ -> [R] end.

one(S, O) ->
    try inet:getopts(S, [O]) of
        {ok, [V]} -> V;
        Other -> Other
    catch C:E -> {C, E}
    end.

section(defaults) ->
    {ok, L} = gen_tcp:listen(0, [{ip, {127, 0, 0, 1}}]),
    {ok, P} = inet:port(L),
    {ok, C} = gen_tcp:connect({127, 0, 0, 1}, P, []),
    {ok, A} = gen_tcp:accept(L),
    io:format("~-20s ~-28s ~-28s ~-28s~n",
              ["option", "connect", "listen", "accept"]),
    [io:format("~-20w ~-28w ~-28w ~-28w~n",
               [O, one(C, O), one(L, O), one(A, O)]) || O <- ?ALL],
    io:format("getopts of all at once on the connected socket: ~w~n",
              [inet:getopts(C, ?ALL)]);

section(inherit) ->
    NonDef = [{active, false}, {buffer, 5000}, {delay_send, true},
              {deliver, port}, {exit_on_close, false}, {header, 2},
              {high_msgq_watermark, 100000}, {high_watermark, 20000},
              {keepalive, true}, {linger, {true, 5}},
              {low_msgq_watermark, 2000}, {low_watermark, 1000},
              {mode, binary}, {nodelay, true}, {packet, 2},
              {packet_size, 1000}, {priority, 3}, {recbuf, 50000},
              {reuseaddr, true}, {send_timeout, 1234},
              {send_timeout_close, true}, {show_econnreset, true},
              {sndbuf, 40000}, {tos, 16}],
    {ok, L} = gen_tcp:listen(0, [{ip, {127, 0, 0, 1}} | NonDef]),
    io:format("gen_tcp:listen refuses: ~w~n",
              [[{O, catch gen_tcp:listen(0, [O])}
                || O <- [{broadcast, true}, {dontroute, true},
                         {line_delimiter, 10}]]]),
    io:format("so they are set with inet:setopts on the listen socket: ~w~n",
              [inet:setopts(L, [{broadcast, true}, {dontroute, true},
                                {line_delimiter, 0}])]),
    {ok, P} = inet:port(L),
    {ok, C} = gen_tcp:connect({127, 0, 0, 1}, P, []),
    {ok, A} = gen_tcp:accept(L),
    Keys = [K || {K, _} <- NonDef] ++ [broadcast, dontroute],
    io:format("~-40s ~-40s ~-30s~n", ["listen", "accepted", "connect"]),
    [begin
         VL = one(L, K), VA = one(A, K),
         io:format("~-40w ~-40w ~-30w ~s~n",
                   [VL, VA, one(C, K),
                    case VL =:= VA of true -> "same"; false -> "DIFFERENT" end])
     end || K <- Keys],
    %% line_delimiter cannot be read back; look at what the accepted
    %% socket does with it
    %% (deliver port would make gen_tcp:recv wait for a reply it never
    %% recognises, so the probe puts deliver/header/packet back first)
    ok = inet:setopts(A, [{deliver, term}, {header, 0}, {packet, line}]),
    ok = gen_tcp:send(C, <<"a", 0, "b\n">>),
    io:format("accepted socket, {packet,line}, bytes a\\0b\\n: ~w~n",
              [gen_tcp:recv(A, 0, 1000)]);

section(bufrule) ->
    {ok, L} = gen_tcp:listen(0, [{reuseaddr, true}, {active, false},
                                 {ip, {127, 0, 0, 1}}]),
    {ok, P} = inet:port(L),
    Conn = fun(Opts) ->
                   {ok, C} = gen_tcp:connect({127, 0, 0, 1}, P,
                                             [{active, false} | Opts]),
                   {ok, _} = gen_tcp:accept(L),
                   C
           end,
    Show = fun(What, C) ->
                   io:format("~-58s ~w~n",
                             [What, inet:getopts(C, [buffer, recbuf])])
           end,
    [Show(lists:flatten(io_lib:format("connect ~w", [O])), Conn(O))
     || O <- [[], [{recbuf, 0}], [{recbuf, 1000}], [{recbuf, 2000}],
              [{recbuf, 10000}], [{recbuf, 100000}], [{recbuf, 5000000}],
              [{buffer, 3000}, {recbuf, 10000}],
              [{recbuf, 10000}, {buffer, 3000}],
              [{sndbuf, 10000}]]],
    C1 = Conn([]), ok = inet:setopts(C1, [{recbuf, 20000}]),
    Show("setopts recbuf 20000", C1),
    ok = inet:setopts(C1, [{recbuf, 5000}]),
    Show("  then setopts recbuf 5000 (buffer never shrinks)", C1),
    C2 = Conn([{buffer, 3000}]), ok = inet:setopts(C2, [{recbuf, 20000}]),
    Show("connect buffer 3000, then setopts recbuf 20000", C2),
    C3 = Conn([]), ok = inet:setopts(C3, [{recbuf, -1}]),
    Show("setopts recbuf -1", C3),
    C4 = Conn([]), ok = inet:setopts(C4, [{recbuf, 16#80000000}]),
    Show("setopts recbuf 2147483648", C4),
    {ok, L2} = gen_tcp:listen(0, [{recbuf, 30000}, {ip, {127, 0, 0, 1}}]),
    {ok, P2} = inet:port(L2),
    {ok, _} = gen_tcp:connect({127, 0, 0, 1}, P2, []),
    {ok, A2} = gen_tcp:accept(L2),
    Show("listen recbuf 30000: the listen socket", L2),
    Show("  its accepted socket", A2);

section(validation) ->
    {C, _A} = pair([], [{active, false}]),
    Try = fun(Opt) ->
                  R = try inet:setopts(C, [Opt]) catch X:Y -> {X, Y} end,
                  K = element(1, Opt),
                  G = case K of line_delimiter -> n_a; _ -> one(C, K) end,
                  io:format("setopts ~w -> ~w, then ~w~n", [Opt, R, G])
          end,
    [Try(O) || O <- [{active, 32767}, {active, 32768}, {active, -32769},
                     {active, foo}, {packet, 3}, {packet, -1},
                     {packet_size, -1}, {packet_size, 16#100000000},
                     {line_delimiter, 256}, {line_delimiter, -1},
                     {buffer, -1}, {buffer, 0}, {buffer, 16#7fffffff},
                     {buffer, 16#80000000}, {recbuf, 0}, {sndbuf, -5},
                     {sndbuf, 0}, {priority, 7}, {priority, -1},
                     {priority, 100}, {tos, 255}, {tos, 256}, {tos, -1},
                     {tclass, 5}, {linger, {true, -1}}, {linger, {false, 5}},
                     {linger, {true, 0}}, {linger, true}, {send_timeout, -1},
                     {send_timeout, 0}, {send_timeout, 16#80000000},
                     {send_timeout, infinity}, {keepalive, 1},
                     {high_watermark, -5}, {low_watermark, -5},
                     {high_msgq_watermark, 0}, {high_msgq_watermark, 1},
                     {low_msgq_watermark, 0},
                     {high_msgq_watermark, 16#80000000}, {header, -1},
                     {header, 5}, {mode, foo}, {deliver, foo},
                     {exit_on_close, foo}, {read_packets, 5},
                     {show_econnreset, 1}, {ipv6_v6only, true},
                     {netns, "/nonexistent"}, {raw, 6, 1, <<1:32/native>>}]],
    io:format("uid ~s", [os:cmd("id -u")]);

section(watermarks) ->
    {C, _} = pair([], [{active, false}]),
    [begin
         ok = inet:setopts(C, [O]),
         io:format("after ~-32w ~w~n",
                   [O, inet:getopts(C, [high_watermark, low_watermark])])
     end || O <- [{high_watermark, 100}, {low_watermark, 200},
                  {low_watermark, 50}, {high_watermark, 10},
                  {high_watermark, 8192}, {low_watermark, 4096}]],
    ok = inet:setopts(C, [{high_watermark, 100}, {low_watermark, 200}]),
    io:format("one setopts [high 100, low 200] from 8192/4096: ~w~n",
              [inet:getopts(C, [high_watermark, low_watermark])]),
    {C2, _} = pair([], [{active, false}]),
    [begin
         ok = inet:setopts(C2, [O]),
         io:format("after ~-32w ~w~n",
                   [O, inet:getopts(C2, [high_msgq_watermark,
                                         low_msgq_watermark])])
     end || O <- [{high_msgq_watermark, 100}, {low_msgq_watermark, 200},
                  {low_msgq_watermark, 50}, {high_msgq_watermark, 10}]];

section(priotos) ->
    Kernel = fun(S) ->
                     %% SOL_SOCKET=1/SO_PRIORITY=12, IPPROTO_IP=0/IP_TOS=1
                     {ok, [{raw, 1, 12, <<Pr:32/native>>}]} =
                         inet:getopts(S, [{raw, 1, 12, 4}]),
                     {ok, [{raw, 0, 1, <<T:32/native>>}]} =
                         inet:getopts(S, [{raw, 0, 1, 4}]),
                     {kernel, Pr, T}
             end,
    {C, _} = pair([], [{active, false}]),
    io:format("fresh                      ~w ~w~n",
              [inet:getopts(C, [priority, tos]), Kernel(C)]),
    [begin
         R = inet:setopts(C, [O]),
         io:format("~-26w ~w ~w ~w~n",
                   [O, R, inet:getopts(C, [priority, tos]), Kernel(C)])
     end || O <- [{tos, 16}, {priority, 3}, {tos, 8}, {nodelay, true},
                  {priority, 0}, {tos, 0}, {priority, 6}]],
    %% {raw,...} goes through the same driver path (and the same
    %% save/restore of priority and tos), so it does not show the kernel's
    %% own behaviour; see INET-OPTIONS.md for that
    {C2, _} = pair([], [{active, false}]),
    ok = inet:setopts(C2, [{raw, 1, 12, <<3:32/native>>}]),
    ok = inet:setopts(C2, [{raw, 0, 1, <<16:32/native>>}]),
    io:format("raw SO_PRIORITY 3 then raw IP_TOS 16: ~w ~w~n",
              [inet:getopts(C2, [priority, tos]), Kernel(C2)]),
    {C3, _} = pair([], [{active, false}]),
    ok = inet:setopts(C3, [{raw, 0, 1, <<16#10:32/native>>}]),
    io:format("raw IP_TOS 16 alone: ~w ~w~n",
              [inet:getopts(C3, [priority, tos]), Kernel(C3)]);

section(activen) ->
    {C, _} = pair([], [{active, false}]),
    Step = fun(What, Opts) ->
                   R = inet:setopts(C, Opts),
                   io:format("~-34s ~w ~w msgs ~w~n",
                             [What, R, one(C, active), msgs(C)])
           end,
    Step("{active,2}", [{active, 2}]),
    Step("{active,3} (adds)", [{active, 3}]),
    Step("{active,-4}", [{active, -4}]),
    Step("{active,-4} (count would be <0)", [{active, -4}]),
    Step("{active,0} on a passive socket", [{active, 0}]),
    Step("{active,32767}", [{active, 32767}]),
    Step("{active,1} (sum > 32767)", [{active, 1}]),
    Step("{active,true}", [{active, true}]),
    Step("{active,2} after true", [{active, 2}]),
    Step("{active,once} then {active,3}", [{active, once}]),
    Step("", [{active, 3}]),
    {C2, A2} = pair([], [{active, 2}, {packet, 1}]),
    ok = gen_tcp:send(A2, <<1, "a", 1, "b", 1, "c">>),
    gen_tcp:close(A2),
    timer:sleep(100),
    io:format("active 2, peer sends 3 packets and closes: ~w~n", [msgs(C2)]),
    ok = inet:setopts(C2, [{active, 2}]),
    io:format("  re-armed with 2: ~w~n", [msgs(C2)]);

section(badopts) ->
    {ok, L} = gen_tcp:listen(0, [{ip, {127, 0, 0, 1}}]),
    {ok, P} = inet:port(L),
    [io:format("gen_tcp:connect ~-24w -> ~w~n",
               [O, catch gen_tcp:connect({127, 0, 0, 1}, P, [O], 1000)])
     || O <- [{packet, 3}, {packet_size, -1}, {active, 32768}, {buffer, -1},
              {recbuf, -1}, {tos, 256}, {send_timeout, -1}, {keepalive, 1},
              {line_delimiter, 256}, {read_packets, 5}, {broadcast, true}]],
    [io:format("gen_tcp:listen ~-25w -> ~w~n",
               [O, catch gen_tcp:listen(0, [{ip, {127, 0, 0, 1}}, O])])
     || O <- [{line_delimiter, 10}, {packet, 3}, {packet_size, -1},
              {read_packets, 5}]];

section(close) ->
    {C, A} = pair([], [{active, true}]),
    ok = gen_tcp:send(A, <<"abc">>), gen_tcp:close(A), timer:sleep(100),
    io:format("exit_on_close true, active true, peer sends abc + FIN: ~w~n"
              "  then send ~w, getstat ~w, recv ~w~n",
              [msgs(C), gen_tcp:send(C, <<"x">>),
               inet:getstat(C, [recv_oct]), gen_tcp:recv(C, 0, 100)]),
    {C1, A1} = pair([], [{active, false}]),
    ok = gen_tcp:send(A1, <<"abc">>), gen_tcp:close(A1), timer:sleep(100),
    io:format("exit_on_close true, passive: ~w, getstat ~w, send ~w~n",
              [recvall(C1) ++ [gen_tcp:recv(C1, 0, 100)],
               inet:getstat(C1, [recv_oct]), gen_tcp:send(C1, <<"x">>)]),
    {C3, A3} = pair([], [{active, false}, {exit_on_close, false}]),
    ok = gen_tcp:send(A3, <<"abc">>), ok = gen_tcp:shutdown(A3, write),
    timer:sleep(100),
    io:format("exit_on_close false, passive, peer abc + shutdown(write): "
              "~w~n", [recvall(C3)]),
    io:format("  then send ~w (peer reads ~w), getstat ~w, recv ~w~n",
              [gen_tcp:send(C3, <<"back">>), gen_tcp:recv(A3, 0, 1000),
               inet:getstat(C3, [recv_oct, send_oct]),
               gen_tcp:recv(C3, 0, 100)]),
    {C4, A4} = pair([], [{active, true}, {exit_on_close, false}]),
    ok = gen_tcp:send(A4, <<"abc">>), ok = gen_tcp:shutdown(A4, write),
    timer:sleep(100),
    io:format("exit_on_close false, active true: ~w~n", [msgs(C4)]),
    io:format("  then send ~w (peer reads ~w), active ~w, recv ~w~n",
              [gen_tcp:send(C4, <<"back">>), gen_tcp:recv(A4, 0, 1000),
               one(C4, active), gen_tcp:recv(C4, 0, 100)]),
    io:format("  setopts active once ~w, msgs ~w~n",
              [inet:setopts(C4, [{active, once}]), msgs(C4)]);

section(reset) ->
    [begin
         {C, A} = pair([], [{active, Act}, {show_econnreset, SE}]),
         ok = gen_tcp:send(A, <<"abc">>), timer:sleep(50),
         ok = inet:setopts(A, [{linger, {true, 0}}]), gen_tcp:close(A),
         timer:sleep(100),
         Res = case Act of
                   false -> recvall(C) ++ [gen_tcp:recv(C, 0, 100)];
                   _ -> msgs(C)
               end,
         Rearm = case Act of
                     once -> ok = inet:setopts(C, [{active, once}]), msgs(C);
                     _ -> n_a
                 end,
         io:format("peer abc then RST; active ~w show_econnreset ~w: ~w;"
                   " re-armed once: ~w; send ~w~n",
                   [Act, SE, Res, Rearm, gen_tcp:send(C, <<"x">>)])
     end || Act <- [false, true, once], SE <- [false, true]],
    [begin
         {C, A} = pair([], [{active, false}, {show_econnreset, SE}]),
         ok = inet:setopts(A, [{linger, {true, 0}}]), gen_tcp:close(A),
         timer:sleep(100),
         S1 = gen_tcp:send(C, <<"x">>), timer:sleep(50),
         S2 = gen_tcp:send(C, <<"y">>),
         io:format("our sends after the peer's RST, show_econnreset ~w: "
                   "~w ~w, recv ~w~n",
                   [SE, S1, S2, gen_tcp:recv(C, 0, 100)])
     end || SE <- [false, true]];

section(getstat) ->
    {C, A} = pair([], [{active, false}, {packet, 4}]),
    ok = inet:setopts(A, [{packet, 4}]),
    [ok = gen_tcp:send(C, B) || B <- [<<"abc">>, <<"defgh">>, <<>>]],
    io:format("sender ({packet,4}) after 3 sends: ~w~n", [inet:getstat(C)]),
    gen_tcp:close(C),
    timer:sleep(100),
    io:format("receiver before any recv: ~w~n", [inet:getstat(A)]),
    [begin
         R = gen_tcp:recv(A, 0, 1000),
         io:format("receiver ~w ~w~n", [R, inet:getstat(A)])
     end || _ <- [1, 2, 3, 4]],
    {C0, A0} = pair([], [{active, false}]),
    ok = inet:setopts(A0, [{packet, 4}]),
    ok = gen_tcp:send(C0, <<0, 0, 0, 3, "abc", 0, 0, 0, 5, "defgh",
                            0, 0, 0, 0>>),
    timer:sleep(100),
    io:format("raw sender, the same 20 bytes in one send: ~w~n",
              [inet:getstat(C0, [send_oct, send_cnt, send_max])]),
    [begin
         R0 = gen_tcp:recv(A0, 0, 1000),
         io:format("receiver ~w ~w~n", [R0, inet:getstat(A0)])
     end || _ <- [1, 2, 3]],
    Vals = fun(S) -> {ok, L} = inet:getstat(S), [V || {_, V} <- L] end,
    Run = fun(Type, Sends) ->
                  {C1, A1} = pair([], [{active, false}]),
                  ok = inet:setopts(A1, [{packet, Type}]),
                  [ok = gen_tcp:send(C1, B) || B <- Sends],
                  gen_tcp:close(C1), timer:sleep(50),
                  io:format("~w (values in the default order):~n", [Type]),
                  Loop = fun L() ->
                                 R = gen_tcp:recv(A1, 0, 1000),
                                 io:format("  ~w ~w~n", [shorten(R), Vals(A1)]),
                                 case R of {ok, _} -> L(); _ -> ok end
                         end,
                  Loop()
          end,
    Run(4, [<<0, 0, 0, 100>>, binary:copy(<<"x">>, 100),
            <<0, 0, 0, 1, "a", 0, 0, 0, 1, "b">>]),
    Run(line, [<<"hello\nab\n\nxyz">>]),
    Run(http_bin, [<<"GET /a HTTP/1.1\r\nHost: x\r\n\r\n">>]),
    Run(raw, [<<"abcdef">>]);

section(rawbuffer) ->
    Recv = fun R(S, Acc) ->
                   case gen_tcp:recv(S, 0, 500) of
                       {ok, B} -> R(S, [byte_size(B) | Acc]);
                       E -> {lists:reverse(Acc), E}
                   end
           end,
    [begin
         {C, A} = pair([], [{active, false} | O]),
         ok = gen_tcp:send(A, binary:copy(<<"x">>, N)), gen_tcp:close(A),
         timer:sleep(100),
         {Sz, E} = Recv(C, []),
         io:format("raw, ~w, ~w bytes sent: ~w recvs, first sizes ~w, "
                   "max ~w, then ~w~n",
                   [O, N, length(Sz), lists:sublist(Sz, 4), lists:max(Sz), E])
     end || {O, N} <- [{[], 10}, {[{buffer, 4}], 10}, {[], 100000},
                       {[{buffer, 10000}], 100000}]],
    {C2, A2} = pair([], [{active, true}, {buffer, 4}]),
    ok = gen_tcp:send(A2, <<"0123456789">>), gen_tcp:close(A2),
    timer:sleep(100),
    io:format("active true, buffer 4: ~w~n", [msgs(C2)]),
    {C3, A3} = pair([], [{active, false}, {packet, 4}, {buffer, 4}]),
    ok = inet:setopts(A3, [{packet, 4}]),
    ok = gen_tcp:send(A3, binary:copy(<<"y">>, 50)), gen_tcp:close(A3),
    timer:sleep(100),
    io:format("{packet,4}, buffer 4, one 50-byte packet: ~w~n",
              [Recv(C3, [])]);

section(udp) ->
    {ok, U} = gen_udp:open(0, []),
    io:format("fresh gen_udp:open(0, []):~n"),
    [io:format("  ~-20w ~w~n", [K, one(U, K)]) || K <- ?ALL],
    {ok, S} = gen_udp:open(0, [binary, {active, false},
                               {ip, {127, 0, 0, 1}}]),
    {ok, P} = inet:port(S),
    {ok, T} = gen_udp:open(0, [binary, {ip, {127, 0, 0, 1}}]),
    {ok, TP} = inet:port(T),
    ok = gen_udp:send(T, {127, 0, 0, 1}, P, <<"hello">>),
    ok = gen_udp:send(T, {127, 0, 0, 1}, P, <<>>),
    io:format("passive recv x2 (sender port ~w): ~w ~w~n",
              [TP, gen_udp:recv(S, 0, 1000), gen_udp:recv(S, 0, 1000)]),
    io:format("recv with nothing queued: ~w~n", [gen_udp:recv(S, 0, 100)]),
    io:format("getstat receiver ~w~n        sender   ~w~n",
              [inet:getstat(S), inet:getstat(T)]),
    ok = inet:setopts(S, [{active, 2}]),
    [ok = gen_udp:send(T, {127, 0, 0, 1}, P, <<I>>) || I <- [1, 2, 3]],
    timer:sleep(100),
    io:format("active 2, 3 datagrams: ~w~n",
              [[setelement(2, M, s) || M <- flush()]]),
    ok = inet:setopts(S, [{active, true}]),
    io:format("  re-armed true: ~w~n", [[setelement(2, M, s) || M <- flush()]]),
    ok = inet:setopts(S, [{active, false}, {buffer, 4}]),
    ok = gen_udp:send(T, {127, 0, 0, 1}, P, <<"0123456789">>),
    io:format("buffer 4, one 10-byte datagram: ~w then ~w~n",
              [gen_udp:recv(S, 0, 500), gen_udp:recv(S, 0, 100)]),
    ok = inet:setopts(S, [{buffer, 65536}]),
    ok = gen_udp:send(T, {127, 0, 0, 1}, P, <<"abc">>),
    io:format("gen_udp:recv(S, 2) of a 3-byte datagram: ~w~n",
              [gen_udp:recv(S, 2, 500)]),
    io:format("recbuf given to gen_udp:open -> [buffer, recbuf]:~n"),
    [begin
         {ok, X} = gen_udp:open(0, [{recbuf, R}]),
         io:format("  ~w ~w~n", [R, inet:getopts(X, [buffer, recbuf])])
     end || R <- [1000, 10000, 65536, 100000]],
    io:format("read_packets 0 ~w, -1 ~w, 100 ~w -> ~w; in open ~w~n",
              [inet:setopts(U, [{read_packets, 0}]),
               inet:setopts(U, [{read_packets, -1}]),
               inet:setopts(U, [{read_packets, 100}]),
               one(U, read_packets),
               catch gen_udp:open(0, [{read_packets, 0}])]),
    io:format("broadcast false, send to 127.255.255.255: ~w~n",
              [gen_udp:send(U, {127, 255, 255, 255}, P, <<"b">>)]),
    ok = inet:setopts(U, [{broadcast, true}]),
    io:format("broadcast true, send to 127.255.255.255: ~w; socket bound to"
              " 127.0.0.1 gets ~w~n",
              [gen_udp:send(U, {127, 255, 255, 255}, P, <<"b">>),
               gen_udp:recv(S, 0, 300)]),
    {ok, B} = gen_udp:open(0, [binary, {active, false}]),
    {ok, BP} = inet:port(B),
    io:format("  to a socket bound to 0.0.0.0: ~w, it gets ~w~n",
              [gen_udp:send(U, {127, 255, 255, 255}, BP, <<"bb">>),
               gen_udp:recv(B, 0, 300)]);

section(v6) ->
    {ok, A} = gen_udp:open(0, [inet6]),
    {ok, B} = gen_udp:open(0, [inet6, {ip, {0, 0, 0, 0, 0, 0, 0, 1}}]),
    {ok, C} = gen_tcp:listen(0, [inet6]),
    {ok, D} = gen_tcp:listen(0, [inet6, {ip, {0, 0, 0, 0, 0, 0, 0, 1}}]),
    io:format("ipv6_v6only: udp6 any ~w, udp6 ::1 ~w, tcp6 any ~w, "
              "tcp6 ::1 ~w; /proc/sys/net/ipv6/bindv6only = ~s",
              [one(X, ipv6_v6only) || X <- [A, B, C, D]]
              ++ [os:cmd("cat /proc/sys/net/ipv6/bindv6only")]),
    {ok, P} = inet:port(D),
    {ok, S} = gen_tcp:connect({0, 0, 0, 0, 0, 0, 0, 1}, P, [inet6]),
    {ok, Acc} = gen_tcp:accept(D),
    io:format("tcp6 connect/accept tclass ~w ~w, tos ~w; set tclass 16: ~w "
              "-> ~w~n",
              [one(S, tclass), one(Acc, tclass), one(S, tos),
               inet:setopts(S, [{tclass, 16}]), one(S, tclass)]),
    {ok, U6} = gen_udp:open(0, [binary, inet6, {active, true},
                                {ip, {0, 0, 0, 0, 0, 0, 0, 1}}]),
    {ok, P6} = inet:port(U6),
    ok = gen_udp:send(B, {0, 0, 0, 0, 0, 0, 0, 1}, P6, <<"v6">>),
    timer:sleep(100),
    io:format("udp over ::1, active message: ~w~n",
              [[setelement(2, M, s) || M <- flush()]]).

shorten({ok, B}) when is_binary(B), byte_size(B) > 8 ->
    {ok, {binary, byte_size(B), bytes}};
shorten(R) -> R.

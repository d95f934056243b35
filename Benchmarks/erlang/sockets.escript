#!/usr/bin/env escript
%% -*- erlang -*-
%% Erlang's side of Benchmarks/run-sockets: 1,000,000 {packet,4} frames of 64 bytes sent
%% pre-framed in 64 KiB writes by a process of the same node, received by gen_tcp in passive
%% mode (a recv loop), {active, true} and {active, 100}; best of ROUNDS as packets/s; then the
%% memory of 1,000 idle connections (erlang:memory(total) per socket) and the time to open and
%% close them.  Usage: escript sockets.escript [ROUNDS] [FRAMES]
-mode(compile).

main(Args) ->
    [Rounds, N] = case [list_to_integer(A) || A <- Args] of
                      [] -> [5, 1000000]; [R] -> [R, 1000000]; [R, F | _] -> [R, F]
                  end,
    Modes = [{"passive recv", passive}, {"active true", true}, {"active 100", n100}],
    Best = lists:foldl(
             fun(_, Acc) ->
                     [{Name, max(proplists:get_value(Name, Acc, 0), run(Mode, N))} || {Name, Mode} <- Modes]
             end, [], lists:seq(1, Rounds)),
    [io:format("socket gen_tcp ~s: ~w packets/s~n", [Name, round(Rate)]) || {Name, Rate} <- Best],
    {Kib, Open, Close} = connections(1000),
    io:format("socket gen_tcp idle memory: ~.1f KiB per socket (2000 sockets)~n", [Kib]),
    io:format("socket gen_tcp 1000 connections: open ~w ms, close ~w ms~n", [Open, Close]).

run(Mode, N) ->
    Frame = <<64:32, (binary:copy(<<7>>, 64))/binary>>,
    Per = 65536 div 68,
    Chunk = binary:copy(Frame, Per),
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {packet, 4}, {ip, {127,0,0,1}}]),
    {ok, P} = inet:port(L),
    spawn_link(fun() ->
                       {ok, C} = gen_tcp:connect({127,0,0,1}, P, [binary, {active, false}]),
                       send(C, Chunk, Per, N),
                       receive stop -> gen_tcp:close(C) end
               end),
    {ok, A} = gen_tcp:accept(L),
    T0 = erlang:monotonic_time(microsecond),
    case Mode of
        passive -> recv_loop(A, N);
        true -> ok = inet:setopts(A, [{active, true}]), active_loop(A, N);
        n100 -> ok = inet:setopts(A, [{active, 100}]), n_loop(A, N)
    end,
    T = erlang:monotonic_time(microsecond) - T0,
    gen_tcp:close(A), gen_tcp:close(L),
    N / T * 1000000.

send(_, _, _, N) when N =< 0 -> ok;
send(C, Chunk, Per, N) -> ok = gen_tcp:send(C, Chunk), send(C, Chunk, Per, N - Per).

recv_loop(_, 0) -> ok;
recv_loop(A, N) -> {ok, _} = gen_tcp:recv(A, 0), recv_loop(A, N - 1).

active_loop(_, 0) -> ok;
active_loop(A, N) -> receive {tcp, A, _} -> active_loop(A, N - 1) end.

n_loop(_, 0) -> ok;
n_loop(A, N) ->
    receive
        {tcp, A, _} -> n_loop(A, N - 1);
        {tcp_passive, A} -> ok = inet:setopts(A, [{active, 100}]), n_loop(A, N)
    end.

connections(Count) ->
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {ip, {127,0,0,1}}, {backlog, 1024}]),
    {ok, P} = inet:port(L),
    erlang:garbage_collect(),
    M0 = erlang:memory(total),
    T0 = erlang:monotonic_time(millisecond),
    Pairs = [begin
                 {ok, C} = gen_tcp:connect({127,0,0,1}, P, [binary, {active, false}]),
                 {ok, A} = gen_tcp:accept(L),
                 [C, A]
             end || _ <- lists:seq(1, Count)],
    T1 = erlang:monotonic_time(millisecond),
    M1 = erlang:memory(total),
    [gen_tcp:close(S) || S <- lists:append(Pairs)],
    T2 = erlang:monotonic_time(millisecond),
    gen_tcp:close(L),
    {(M1 - M0) / 1024 / (2 * Count), T1 - T0, T2 - T1}.

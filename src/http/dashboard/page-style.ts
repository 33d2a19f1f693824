/** The dashboard's stylesheet: phone first (one column), wider grids from 720px. */
export const PAGE_CSS = String.raw`
*{box-sizing:border-box}
[hidden]{display:none!important}
:root{--bg:#f5f6f8;--card:#fff;--ink:#1d2330;--muted:#667085;--line:#e3e6eb;--ok:#1a9b55;--prog:#2f6fde;--pause:#c98a00;--bad:#d23b3b;--warn:#b4690e;--accent:#20315b}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--ink)}
a{color:var(--prog);text-decoration:none}
.top{position:sticky;top:0;z-index:2;display:flex;gap:.6rem;align-items:center;padding:.55rem .8rem;background:var(--accent);color:#fff;flex-wrap:wrap}
.brand{color:#fff;font-weight:600;font-size:1.05rem;margin-right:auto}
.top select{max-width:11rem;padding:.3rem;border-radius:6px;border:0;font:inherit}
.link{background:none;border:0;color:#cdd6f4;font:inherit;cursor:pointer;padding:.2rem}
.live{width:.6rem;height:.6rem;border-radius:50%;background:#8893a8;display:inline-block}
.live.on{background:#3ddc84}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
main{max-width:1200px;margin:0 auto;padding:.8rem}
.banner{max-width:1200px;margin:.6rem auto 0;padding:.6rem .8rem;border-radius:8px;background:#fde8e8;color:#8a1c1c;border:1px solid #f3b4b4;display:flex;gap:.5rem;align-items:flex-start}
.banner.info{background:#e7f0fe;color:#1f3f86;border-color:#b8cdf6}
.banner span{flex:1;word-break:break-word}
.banner button{background:none;border:0;font-size:1.1rem;cursor:pointer;color:inherit}
.muted{color:var(--muted)}
.toolbar{display:flex;gap:.5rem;align-items:center;margin-bottom:.7rem;flex-wrap:wrap}
.toolbar input{flex:1;min-width:8rem}
input,select,button{font:inherit}
input[type=text],input[type=password],input[type=search]{padding:.45rem .55rem;border:1px solid var(--line);border-radius:6px;background:#fff;width:100%}
.grid{display:grid;grid-template-columns:1fr;gap:.7rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.75rem .85rem;min-width:0}
a.card{display:block;color:inherit}
a.card:hover{border-color:var(--prog)}
.card h2,.card h3{margin:0 0 .3rem;font-size:1.02rem;word-break:break-all}
.row{display:flex;justify-content:space-between;gap:.6rem;padding:.12rem 0;border-bottom:1px dashed var(--line)}
.row:last-child{border-bottom:0}
.row b{font-weight:500;color:var(--muted)}
.row span{text-align:right;overflow-wrap:anywhere}
.status{display:inline-flex;gap:.3rem;align-items:center;font-weight:600}
.s-Healthy{color:var(--ok)}.s-Progressing{color:var(--prog)}.s-Paused{color:var(--pause)}.s-Degraded,.s-Failed,.s-Error{color:var(--bad)}.s-Successful{color:var(--ok)}.s-Running{color:var(--prog)}.s-Inconclusive{color:var(--warn)}.s-ScaledDown{color:var(--muted)}
.tag{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:999px;background:#eef1f6;color:#344054;margin-left:.25rem}
.tag.canary{background:#fff1d6;color:#8a5a00}.tag.stable{background:#dcf5e7;color:#116b3b}.tag.active{background:#dbe8ff;color:#1f3f86}.tag.preview{background:#efe3ff;color:#5b2a9c}
.img{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;word-break:break-all}
.msg{font-size:.85rem;color:var(--muted);margin-top:.3rem;word-break:break-word}
.head{display:flex;flex-wrap:wrap;gap:.4rem .8rem;align-items:baseline;margin-bottom:.6rem}
.head h1{margin:0;font-size:1.3rem;word-break:break-all}
.actions{display:flex;flex-wrap:wrap;gap:.45rem;margin:.2rem 0 .8rem}
.btn{border:1px solid var(--line);background:#fff;border-radius:7px;padding:.45rem .8rem;cursor:pointer;font-weight:600;color:var(--ink)}
.btn:hover{border-color:var(--prog)}
.btn.primary{background:var(--prog);border-color:var(--prog);color:#fff}
.btn.danger{color:var(--bad);border-color:#f0b9b9}
.btn:disabled{opacity:.5;cursor:wait}
.btn.small{padding:.1rem .5rem;font-size:.8rem;margin-left:.5rem}
.setimg{display:grid;grid-template-columns:1fr;gap:.45rem;margin-top:.4rem}
.setimg select{padding:.45rem;border:1px solid var(--line);border-radius:6px}
.steps{list-style:none;margin:0;padding:0;counter-reset:s}
.steps li{counter-increment:s;padding:.35rem .5rem;border-radius:6px;display:flex;gap:.5rem;align-items:center}
.steps li::before{content:counter(s);min-width:1.5rem;height:1.5rem;border-radius:50%;background:#eef1f6;display:inline-flex;align-items:center;justify-content:center;font-size:.8rem}
.steps li.done{color:var(--muted)}
.steps li.done::before{content:"✔";background:#dcf5e7;color:var(--ok)}
.steps li.current{background:#e7f0fe;font-weight:600}
.steps li.current::before{background:var(--prog);color:#fff}
.rev{border-top:1px solid var(--line);padding-top:.5rem;margin-top:.5rem}
.rev:first-of-type{border-top:0;margin-top:0;padding-top:0}
.rs{margin:.35rem 0 .5rem}
.pods{display:flex;flex-wrap:wrap;gap:4px;margin-top:.3rem}
.pod{width:16px;height:16px;border-radius:3px;background:#cfd5df}
.pod.ok{background:var(--ok)}.pod.wait{background:var(--pause)}.pod.bad{background:var(--bad)}
.metric{margin:.5rem 0 .8rem}
.chart{width:100%;height:auto;display:block;background:#fafbfc;border:1px solid var(--line);border-radius:6px}
.chart .line{fill:none;stroke:var(--prog);stroke-width:1.5}
.chart .axis{stroke:#c9ced8;stroke-width:1}
.chart text{font-size:9px;fill:#667085}
.chart .Successful{fill:var(--ok)}.chart .Failed,.chart .Error{fill:var(--bad)}.chart .Inconclusive{fill:var(--warn)}.chart .Running,.chart .Pending{fill:#8893a8}
.login{max-width:26rem;margin:2rem auto}
.login form{display:grid;gap:.6rem}
.cols{display:grid;grid-template-columns:1fr;gap:.7rem}
.cols>div>section+section{margin-top:.7rem}
.chart{max-height:180px}
.nav{color:#fff;font-weight:500}
.s-Succeeded{color:var(--ok)}.s-Held{color:var(--pause)}.s-Superseded,.s-Pending{color:var(--muted)}
.releases{display:grid;grid-template-columns:1fr;gap:.7rem;margin-top:.7rem}
.waves{list-style:none;margin:.1rem 0 .5rem;padding:0;display:grid;gap:.35rem}
.wave{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center}
.wave-label{font-size:.8rem;color:var(--muted);min-width:8.5rem}
.w-passed .wave-label{color:var(--ok)}.w-soaking .wave-label{color:var(--pause)}.w-failed .wave-label{color:var(--bad)}.w-progressing .wave-label{color:var(--prog)}
.chip{display:inline-flex;gap:.3rem;align-items:baseline;padding:.05rem .55rem;border-radius:999px;font-size:.82rem;background:#eef1f6;color:#667085}
.chip small{font-size:.7rem;opacity:.85}
.c-healthy{background:#dcf5e7;color:#116b3b}.c-delivering,.c-progressing{background:#dbe8ff;color:#1f3f86}.c-failed,.c-aborted{background:#fde8e8;color:#8a1c1c}
.msg.held{color:var(--pause)}.msg.failure{color:var(--bad)}
.foot{max-width:1200px;margin:0 auto;padding:.3rem .8rem 1.2rem;color:var(--muted);font-size:.8rem}
@media (min-width:720px){
.grid{grid-template-columns:repeat(auto-fill,minmax(330px,1fr))}
.cols{grid-template-columns:minmax(0,1fr) minmax(0,1.4fr)}
.setimg{grid-template-columns:minmax(5rem,8rem) minmax(0,1fr) auto}
main{padding:1rem 1.2rem}
}
`;

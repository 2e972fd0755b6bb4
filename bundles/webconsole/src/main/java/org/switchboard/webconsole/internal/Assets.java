package org.switchboard.webconsole.internal;

/** The pages' style and script, inline: the console must work without any network resource. */
final class Assets {

    static final String STYLE = """
            <style>
            .sb-page{font-size:13px;line-height:1.45}
            .sb-page h2{font-size:15px;margin:14px 0 6px}
            .sb-page table.sb-table{border-collapse:collapse;width:100%;margin:4px 0 10px}
            .sb-table th,.sb-table td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
            .sb-table th{background:#f2f2f2}
            .sb-msg{padding:6px 10px;margin:6px 0;border-radius:3px}
            .sb-ok{background:#e6f4e6;border:1px solid #8c8}
            .sb-err{background:#fbe9e9;border:1px solid #d88}
            .sb-inline{display:inline;margin:0 4px 0 0}
            .sb-filters label{margin-right:10px;white-space:nowrap}
            .sb-filters input,.sb-filters select{margin-left:3px}
            .sb-ids td:first-child{font-weight:bold;width:110px}
            .sb-id{font-family:monospace}
            .sb-copy{margin-left:6px;font-size:11px}
            .sb-path span{display:inline-block;background:#eef;border:1px solid #99c;border-radius:10px;padding:0 8px;margin:2px}
            .sb-turn{margin:4px 0;padding:5px 9px;border-radius:8px;max-width:70%}
            .sb-turn.sb-bot{background:#eef3fb;border:1px solid #b9cbe8}
            .sb-turn.sb-caller{background:#f3f7ea;border:1px solid #c3d6a0;margin-left:auto}
            .sb-turn small{color:#666;display:block}
            .sb-answer-latency{margin-top:4px}
            .sb-latency{display:flex;width:240px;height:6px;background:#f4f4f4;border:1px solid #ddd}
            .sb-latency span{display:block;height:100%}
            .sb-lat-recognition{background:#7a9fd6}.sb-lat-assistant{background:#e0a84a}
            .sb-lat-synthesis{background:#9bc36b}.sb-lat-playout{background:#b28ad1}
            .sb-ladder{border:1px solid #ddd;background:#fff;max-width:100%}
            .sb-ladder a{cursor:pointer}
            .sb-ladder a:hover text,.sb-ladder a.sb-sel text{fill:#c00}
            .sb-ladder a.sb-sel line{stroke:#c00}
            .sb-sip details{margin:2px 0}
            .sb-sip details.sb-sel{outline:2px solid #c00}
            .sb-sip pre,.sb-json{background:#f8f8f8;border:1px solid #ddd;padding:6px;white-space:pre-wrap;word-break:break-all;margin:2px 0}
            .sb-graph{border:1px solid #ddd;background:#fff;max-width:100%}
            .sb-pager a{margin-right:10px}
            .sb-muted{color:#777}
            textarea.sb-doc{width:100%;height:220px;font-family:monospace}
            </style>
            <div class="sb-page">
            """;

    static final String SCRIPT = """
            </div>
            <script>
            (function(){
              document.querySelectorAll('button.sb-copy').forEach(function(b){
                b.addEventListener('click',function(e){
                  e.preventDefault();
                  var text=b.getAttribute('data-copy');
                  var done=function(){b.textContent='copied';setTimeout(function(){b.textContent='copy';},1500);};
                  if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(text).then(done,done);}
                  else{var t=document.createElement('textarea');t.value=text;document.body.appendChild(t);t.select();
                    try{document.execCommand('copy');}catch(x){} document.body.removeChild(t);done();}
                });
              });
              document.querySelectorAll('[data-confirm]').forEach(function(b){
                b.addEventListener('click',function(e){ if(!confirm(b.getAttribute('data-confirm'))){e.preventDefault();} });
              });
              document.querySelectorAll('.sb-ladder a[data-sip]').forEach(function(a){
                a.addEventListener('click',function(e){
                  e.preventDefault();
                  document.querySelectorAll('.sb-sel').forEach(function(x){x.classList.remove('sb-sel');});
                  var d=document.getElementById('sip-'+a.getAttribute('data-sip'));
                  a.classList.add('sb-sel');
                  if(d){d.open=true;d.classList.add('sb-sel');d.scrollIntoView({block:'nearest'});}
                });
              });
              var docfile=document.getElementById('sb-docfile');
              if(docfile){docfile.addEventListener('change',function(){
                var f=docfile.files[0]; if(!f){return;}
                var r=new FileReader(); r.onload=function(){document.getElementById('sb-doc').value=r.result;}; r.readAsText(f);
              });}
              var cur=document.getElementById('sb-current');
              if(cur){cur.addEventListener('click',function(e){e.preventDefault();
                document.getElementById('sb-doc').value=document.getElementById('sb-doc-current').value;});}
              var up=document.getElementById('sb-upload');
              if(up){up.addEventListener('submit',function(e){
                e.preventDefault();
                var f=up.querySelector('input[type=file]').files[0];
                var out=document.getElementById('sb-upload-result');
                if(!f){out.className='sb-msg sb-err';out.textContent='Choose a bundle file first.';return;}
                fetch(up.getAttribute('action'),{method:'POST',body:f,headers:{'Content-Type':'application/octet-stream',
                  'X-Switchboard-CSRF':up.querySelector('input[name="sb-csrf"]').value,'X-File-Name':encodeURIComponent(f.name)}})
                 .then(function(r){return r.text().then(function(t){out.className='sb-msg '+(r.ok?'sb-ok':'sb-err');out.textContent=t;});})
                 .catch(function(x){out.className='sb-msg sb-err';out.textContent='Upload failed: '+x;});
              });}
            })();
            </script>
            """;

    private Assets() {}
}
